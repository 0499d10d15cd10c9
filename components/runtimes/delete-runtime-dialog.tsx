"use client";

import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";

/** "Delete" behind a dialog that asks for the runtime's name to be typed (checked on the server too). */
export function DeleteRuntimeDialog({ action, name }: { action: FormAction; name: string }) {
  return (
    <ConfirmAction
      action={action}
      fields={{ name }}
      triggerLabel="Delete"
      triggerVariant="danger-outline"
      triggerSize="md"
      title={`Delete runtime ${name}?`}
      description={
        <p className="text-sm text-slate-700">
          This stops and removes every pod of <span className="font-mono font-medium">{name}</span>, its Service, its
          stored secret values and its public address. Volumes it mounts are kept. It cannot be undone.
        </p>
      }
      typeToConfirm={{ field: "confirmName", expected: name }}
      confirmLabel="Delete runtime"
      pendingLabel="Deleting…"
    />
  );
}
