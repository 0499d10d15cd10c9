"use client";

import type { ActionResult } from "@/lib/actions/action";
import { TypeToConfirm } from "@/components/forms/type-to-confirm";

type DeleteAction = (previous: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

/** "Delete" behind a dialog that asks for the runtime's name to be typed (checked on the server too). */
export function DeleteRuntimeDialog({ action, name }: { action: DeleteAction; name: string }) {
  return (
    <TypeToConfirm
      action={action}
      fields={{ name }}
      triggerLabel="Delete"
      triggerVariant="outline"
      title={`Delete runtime ${name}?`}
      description={
        <p className="text-sm text-slate-700">
          This stops and removes every pod of <span className="font-mono font-medium">{name}</span>, its Service, its
          stored secret values and its public address. Volumes it mounts are kept. It cannot be undone.
        </p>
      }
      confirmField="confirmName"
      expected={name}
      confirmLabel="Delete runtime"
      pendingLabel="Deleting…"
    />
  );
}
