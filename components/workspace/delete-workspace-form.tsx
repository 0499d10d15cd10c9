"use client";

import type { ActionResult } from "@/lib/actions/action";
import { TypeToConfirm } from "@/components/forms/type-to-confirm";

type DeleteAction = (previous: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

/** "Delete workspace" behind a dialog that asks for the slug to be typed (checked on the server too). */
export function DeleteWorkspaceForm({
  action,
  slug,
  displayName,
  namespace,
}: {
  action: DeleteAction;
  slug: string;
  displayName: string;
  namespace: string;
}) {
  return (
    <TypeToConfirm
      action={action}
      triggerLabel="Delete workspace"
      triggerVariant="solid"
      title={`Delete ${displayName}?`}
      description={
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            This deletes namespace <code className="rounded bg-slate-100 px-1">{namespace}</code> with everything
            running and stored in it, ends every membership and revokes pending invitations. It cannot be undone.
          </p>
        </div>
      }
      confirmField="confirmSlug"
      expected={slug}
      confirmLabel="Delete this workspace"
      pendingLabel="Deleting…"
    />
  );
}
