"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { Dialog } from "@/components/forms/dialog";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

type DeleteAction = (previous: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

/** "Delete" behind a dialog that asks for the runtime's name to be typed (checked on the server too). */
export function DeleteRuntimeDialog({ action, name }: { action: DeleteAction; name: string }) {
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
        className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 shadow-xs hover:bg-red-50"
      >
        Delete
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete runtime ${name}?`}>
        <ConfirmDelete key={attempt} action={action} name={name} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ConfirmDelete({ action, name, onCancel }: { action: DeleteAction; name: string; onCancel: () => void }) {
  const [state, formAction] = useActionState(action, null);
  const [typed, setTyped] = useState("");
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="name" value={name} />
      <p className="text-sm text-slate-700">
        This stops and removes every pod of <span className="font-mono font-medium">{name}</span>, its Service, its
        stored secret values and its public address. Volumes it mounts are kept. It cannot be undone.
      </p>
      <Field
        label={`Type ${name} to confirm`}
        name="confirmName"
        value={typed}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        errors={fieldErrors?.confirmName}
        onChange={(event) => setTyped(event.target.value)}
      />
      <FormMessage state={state && !state.ok && !fieldErrors?.confirmName ? state : null} />
      <div className="flex flex-wrap justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
        >
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel="Deleting…" disabled={typed.trim() !== name}>
          Delete runtime
        </SubmitButton>
      </div>
    </form>
  );
}
