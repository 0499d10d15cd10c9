"use client";

import { ConfirmAction } from "@/components/forms/confirm-action";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";
import { formatQuotaAmount, inputValue, quotaKeySpec, type QuotaKey } from "@/lib/quotas/quota-keys";

// The workspace's own limits in place of its plan's: a blank key is the plan's limit.
// Saving applies the namespace's quota at once; clearing (asked first) goes back to the plan.

export function WorkspaceOverrideForm({
  workspaceId,
  quota,
  hasOverride,
  setAction,
  clearAction,
}: {
  workspaceId: string;
  quota: { key: QuotaKey; plan: number; override: number | null }[];
  hasOverride: boolean;
  setAction: FormAction;
  clearAction: FormAction;
}) {
  const toast = useToast();
  const keys = quota.map((q) => q.key);
  const save = useFormAction(setAction, {
    fields: [...keys, "amounts"],
    onSuccess: () => toast({ message: "Override saved; the namespace's quota is updated." }),
  });
  return (
    <div className="flex flex-col gap-3">
      <form action={save.formAction} aria-label="Quota override" className="flex flex-col gap-3" noValidate>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <div className="grid gap-3 sm:grid-cols-3">
          {quota.map((q) => {
            const spec = quotaKeySpec(q.key);
            return (
              <Field
                key={q.key}
                label={`${spec.label} (${spec.inputUnit})`}
                name={q.key}
                inputMode={spec.inputDecimals > 0 ? "decimal" : "numeric"}
                autoComplete="off"
                defaultValue={q.override === null ? "" : inputValue(q.key, q.override)}
                placeholder={inputValue(q.key, q.plan)}
                hint={`Plan: ${formatQuotaAmount(q.key, q.plan)}`}
                errors={save.errorsFor(q.key)}
              />
            );
          })}
        </div>
        {save.errorsFor("amounts") ? <p className="text-sm text-red-700">{save.errorsFor("amounts")}</p> : null}
        <FormMessage state={save.failure} />
        <div className="flex justify-end">
          <SubmitButton pendingLabel="Saving…">Save override</SubmitButton>
        </div>
      </form>
      <div className="flex justify-end">
        {hasOverride ? (
          <ConfirmAction
            action={clearAction}
            fields={{ workspaceId }}
            triggerLabel="Clear override"
            triggerSize="md"
            title="Clear the override?"
            description="The workspace goes back to its plan's limits, in the cluster at once. Runtimes already running keep running; new ones must fit."
            confirmLabel="Clear override"
            pendingLabel="Clearing…"
            onSuccess={() => toast({ message: "Override cleared; the plan's limits apply." })}
          />
        ) : null}
      </div>
    </div>
  );
}
