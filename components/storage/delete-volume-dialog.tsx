"use client";

import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

/**
 * "Delete volume" behind a dialog that asks for the volume's name to be typed (checked on
 * the server too): it destroys the data. A toast confirms the deletion.
 */
export function DeleteVolumeDialog({
  action,
  name,
  size,
  disabled,
}: {
  action: FormAction<{ message: string }>;
  name: string;
  /** The requested size, as text. */
  size: string;
  disabled?: boolean;
}) {
  const toast = useToast();
  return (
    <ConfirmAction
      action={action}
      fields={{ name }}
      triggerLabel="Delete volume"
      triggerDisabled={disabled}
      title={`Delete volume “${name}”?`}
      description={<p>The volume and all data on it ({size}) are deleted for good. This cannot be undone.</p>}
      typeToConfirm={{ field: "confirmName", expected: name }}
      confirmLabel="Delete volume"
      pendingLabel="Deleting…"
      onSuccess={(data) => toast({ message: (data as { message: string }).message })}
    />
  );
}
