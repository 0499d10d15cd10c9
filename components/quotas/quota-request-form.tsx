"use client";

import { Field, TextAreaField } from "@/components/forms/field";
import { FieldError } from "@/components/forms/field-error";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";
import { formatQuotaAmount, inputValue, QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";

// The request form: a new limit for any of the quota keys (blank: no change), and why.
// Each field's hint says the limit now and what is approved at once.

const FIELDS = [...QUOTA_KEYS.map((spec) => spec.key), "amounts", "justification"];

function hint(key: QuotaKey, now: number, auto: number): string {
  const limit = `Now ${formatQuotaAmount(key, now)}.`;
  if (auto <= now) return limit;
  return `${limit} Up to ${formatQuotaAmount(key, auto)} is approved at once while the balance is positive.`;
}

export function QuotaRequestForm({
  action,
  current,
  autoLimit,
}: {
  action: FormAction<{ id: string; state: "PENDING" | "AUTO_APPROVED" }>;
  current: Record<QuotaKey, number>;
  /** Up to these, with a positive balance, a request is approved at once. */
  autoLimit: Record<QuotaKey, number>;
}) {
  const toast = useToast();
  const { formAction, errorsFor, failure } = useFormAction(action, {
    fields: FIELDS,
    onSuccess: (result) =>
      toast({
        message:
          result.state === "AUTO_APPROVED"
            ? "Approved: the new limits apply now."
            : "Request sent. A platform operator will decide; you will get an email.",
      }),
  });
  const amountErrors = errorsFor("amounts");
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <fieldset className="flex flex-col gap-3" aria-describedby={amountErrors ? "quota-amounts-error" : undefined}>
        <legend className="mb-2 text-sm text-slate-600">
          Enter the new limit for each quota you need more of; leave the others blank.
        </legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {QUOTA_KEYS.map((spec) => (
            <Field
              key={spec.key}
              label={`${spec.label} (${spec.inputUnit})`}
              name={spec.key}
              inputMode={spec.inputDecimals > 0 ? "decimal" : "numeric"}
              autoComplete="off"
              placeholder={inputValue(spec.key, current[spec.key])}
              hint={hint(spec.key, current[spec.key], autoLimit[spec.key])}
              errors={errorsFor(spec.key)}
            />
          ))}
        </div>
        <FieldError id="quota-amounts-error" errors={amountErrors} />
      </fieldset>
      <TextAreaField
        label="Justification"
        name="justification"
        rows={4}
        maxLength={2000}
        hint="What the workspace needs it for, and for how long. The platform operator reads this."
        errors={errorsFor("justification")}
      />
      <FormMessage state={failure} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Sending…">Request increase</SubmitButton>
      </div>
    </form>
  );
}
