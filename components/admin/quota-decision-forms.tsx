"use client";

import { Field, TextAreaField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";
import { inputValue, quotaKeySpec } from "@/lib/quotas/quota-keys";
import type { QuotaRequestLineView } from "@/lib/quotas/list-quota-requests";

// An operator's two answers to one request: approve (the amounts asked, which they may
// change) with an optional note, or deny with a reason the requester reads.

type Decision = FormAction<{ state: "APPROVED" | "DENIED"; applied: boolean }>;

export function QuotaDecisionForms({
  requestId,
  workspaceName,
  lines,
  approveAction,
  denyAction,
}: {
  requestId: string;
  workspaceName: string;
  lines: QuotaRequestLineView[];
  approveAction: Decision;
  denyAction: Decision;
}) {
  const toast = useToast();
  const approve = useFormAction(approveAction, {
    fields: [...lines.map((line) => line.key), "reason"],
    onSuccess: (result) =>
      toast({
        message: result.applied
          ? `Approved: ${workspaceName}'s new limits apply now.`
          : `Approved. The cluster did not answer; the new limits apply within a minute.`,
      }),
  });
  const deny = useFormAction(denyAction, {
    fields: ["reason"],
    onSuccess: () => toast({ message: `Denied; ${workspaceName}'s requester is told why.` }),
  });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <form
        action={approve.formAction}
        className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3"
        aria-label={`Approve ${workspaceName}'s request`}
        noValidate
      >
        <input type="hidden" name="requestId" value={requestId} />
        <div className="grid gap-3 sm:grid-cols-2">
          {lines.map((line) => {
            const spec = quotaKeySpec(line.key);
            return (
              <Field
                key={line.key}
                label={`${spec.label} to grant (${spec.inputUnit})`}
                name={line.key}
                inputMode={spec.inputDecimals > 0 ? "decimal" : "numeric"}
                autoComplete="off"
                defaultValue={inputValue(line.key, line.requested)}
                errors={approve.errorsFor(line.key)}
              />
            );
          })}
        </div>
        <Field label="Note to the requester (optional)" name="reason" errors={approve.errorsFor("reason")} />
        <FormMessage state={approve.failure} />
        <div className="flex justify-end">
          <SubmitButton pendingLabel="Approving…">Approve</SubmitButton>
        </div>
      </form>
      <form
        action={deny.formAction}
        className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3"
        aria-label={`Deny ${workspaceName}'s request`}
        noValidate
      >
        <input type="hidden" name="requestId" value={requestId} />
        <TextAreaField
          label="Reason for denying"
          name="reason"
          rows={3}
          maxLength={2000}
          hint="The requester reads this in the app and by email."
          errors={deny.errorsFor("reason")}
        />
        <FormMessage state={deny.failure} />
        <div className="flex justify-end">
          <SubmitButton variant="danger" pendingLabel="Denying…">
            Deny
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
