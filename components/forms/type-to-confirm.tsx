"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

type BoundAction = (previous: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

const triggerStyles = {
  outline:
    "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 shadow-xs hover:bg-red-50",
  solid:
    "shrink-0 rounded-md bg-red-600 px-4 py-2 text-sm font-medium whitespace-nowrap text-white shadow-xs hover:bg-red-700",
};

/**
 * For the gravest actions: a button that opens a dialog in which `expected` must be typed into
 * `confirmField` before the confirm button enables. The server checks the typed text too.
 */
export function TypeToConfirm({
  action,
  fields = {},
  triggerLabel,
  triggerVariant,
  title,
  description,
  confirmField,
  expected,
  confirmLabel,
  pendingLabel,
}: {
  action: BoundAction;
  fields?: Record<string, string>;
  triggerLabel: string;
  triggerVariant: keyof typeof triggerStyles;
  title: string;
  description: React.ReactNode;
  confirmField: string;
  expected: string;
  confirmLabel: string;
  pendingLabel: string;
}) {
  const [open, setOpen] = useState(false);
  // A fresh form (and so a fresh action state and empty input) each time the dialog opens.
  const [attempt, setAttempt] = useState(0);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setAttempt((n) => n + 1);
          setOpen(true);
        }}
        className={triggerStyles[triggerVariant]}
      >
        {triggerLabel}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <TypeToConfirmForm
          key={attempt}
          action={action}
          fields={fields}
          description={description}
          confirmField={confirmField}
          expected={expected}
          confirmLabel={confirmLabel}
          pendingLabel={pendingLabel}
          onCancel={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function TypeToConfirmForm({
  action,
  fields,
  description,
  confirmField,
  expected,
  confirmLabel,
  pendingLabel,
  onCancel,
}: {
  action: BoundAction;
  fields: Record<string, string>;
  description: React.ReactNode;
  confirmField: string;
  expected: string;
  confirmLabel: string;
  pendingLabel: string;
  onCancel: () => void;
}) {
  const [state, formAction] = useActionState(action, null);
  const [typed, setTyped] = useState("");
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {description}
      <Field
        label={`Type ${expected} to confirm`}
        name={confirmField}
        value={typed}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        errors={fieldErrors?.[confirmField]}
        onChange={(event) => setTyped(event.target.value)}
      />
      {/* The confirm field shows its own error; anything else is a message for the whole form. */}
      <FormMessage state={state && !state.ok && !fieldErrors?.[confirmField] ? state : null} />
      <div className="flex flex-wrap justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
        >
          Cancel
        </button>
        <SubmitButton variant="danger" pendingLabel={pendingLabel} disabled={typed.trim() !== expected}>
          {confirmLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
