"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function MarkAllRead({ action, disabled }: { action: FormAction<{ count: number }>; disabled: boolean }) {
  const { formAction, failure } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <SubmitButton variant="secondary" pendingLabel="Marking…" disabled={disabled}>
        Mark all read
      </SubmitButton>
      <FormMessage state={failure} />
    </form>
  );
}
