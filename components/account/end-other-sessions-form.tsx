"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function EndOtherSessionsForm({ action, others }: { action: FormAction<{ ended: number }>; others: number }) {
  const { formAction, failure, result } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      <SubmitButton variant="secondary" pendingLabel="Signing out…" disabled={others === 0}>
        Sign out other sessions
      </SubmitButton>
      <FormMessage state={failure} />
      <p role="status" className="min-h-5 text-sm text-slate-600">
        {result ? `Signed out ${result.ended} other session${result.ended === 1 ? "" : "s"}.` : ""}
      </p>
    </form>
  );
}
