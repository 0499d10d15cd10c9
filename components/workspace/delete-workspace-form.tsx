"use client";

import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";

/** "Delete workspace" behind a dialog that asks for the slug to be typed (checked on the server too). */
export function DeleteWorkspaceForm({
  action,
  slug,
  displayName,
  namespace,
}: {
  action: FormAction;
  slug: string;
  displayName: string;
  namespace: string;
}) {
  return (
    <ConfirmAction
      action={action}
      triggerLabel="Delete workspace"
      triggerVariant="danger"
      triggerSize="md"
      title={`Delete ${displayName}?`}
      description={
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            This deletes namespace <code className="rounded bg-slate-100 px-1">{namespace}</code> with everything
            running and stored in it, ends every membership and revokes pending invitations. It cannot be undone.
          </p>
        </div>
      }
      typeToConfirm={{ field: "confirmSlug", expected: slug }}
      confirmLabel="Delete this workspace"
      pendingLabel="Deleting…"
    />
  );
}
