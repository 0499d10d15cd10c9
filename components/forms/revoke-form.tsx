"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

// One row's "Revoke" button for a credential list (kubeconfigs, API tokens): asks first,
// then posts the row's id under `field`, and shows the server's refusal beside the button.

export function RevokeForm<T>({
  action,
  field,
  id,
  name,
  confirmText,
  onSuccess,
}: {
  action: FormAction<T>;
  field: string;
  id: string;
  name: string;
  confirmText: string;
  onSuccess?: (data: T) => void;
}) {
  const { formAction, failure } = useFormAction(action, onSuccess ? { onSuccess } : undefined);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(confirmText)) event.preventDefault();
      }}
    >
      <input type="hidden" name={field} value={id} />
      <SubmitButton variant="secondary" pendingLabel="Revoking…" aria-label={`Revoke ${name}`}>
        Revoke
      </SubmitButton>
      <FormMessage state={failure} />
    </form>
  );
}
