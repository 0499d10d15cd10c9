"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { Dialog } from "@/components/forms/dialog";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

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
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setAttempt((n) => n + 1);
          setOpen(true);
        }}
        className="shrink-0 rounded-md bg-red-600 px-4 py-2 text-sm font-medium whitespace-nowrap text-white shadow-xs hover:bg-red-700"
      >
        Delete workspace
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete ${displayName}?`}>
        <ConfirmDeleteForm
          key={attempt}
          action={action}
          slug={slug}
          namespace={namespace}
          onCancel={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function ConfirmDeleteForm({
  action,
  slug,
  namespace,
  onCancel,
}: {
  action: DeleteAction;
  slug: string;
  namespace: string;
  onCancel: () => void;
}) {
  const [state, formAction] = useActionState(action, null);
  const [typed, setTyped] = useState("");
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <div className="flex flex-col gap-2 text-sm text-slate-700">
        <p>
          This deletes namespace <code className="rounded bg-slate-100 px-1">{namespace}</code> with everything running
          and stored in it, ends every membership and revokes pending invitations. It cannot be undone.
        </p>
      </div>
      <Field
        label={`Type ${slug} to confirm`}
        name="confirmSlug"
        value={typed}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        errors={fieldErrors?.confirmSlug}
        onChange={(event) => setTyped(event.target.value)}
      />
      <FormMessage state={state && !state.ok && !state.fieldErrors ? state : null} />
      <div className="flex flex-wrap justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
        >
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel="Deleting…" disabled={typed.trim() !== slug}>
          Delete this workspace
        </SubmitButton>
      </div>
    </form>
  );
}
