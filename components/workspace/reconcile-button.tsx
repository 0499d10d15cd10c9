"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function ReconcileButton({ action }: { action: FormAction<null> }) {
  // The form has no fields: every failure is its message.
  const { state, formAction, failure } = useFormAction(action, { fields: [] });
  return (
    <form action={formAction} className="flex flex-col gap-3 sm:items-end">
      <SubmitButton variant="secondary" pendingLabel="Re-applying…">
        Re-apply cluster configuration
      </SubmitButton>
      <FormMessage state={state?.ok ? { ok: true, message: "Cluster configuration re-applied." } : failure} />
    </form>
  );
}
