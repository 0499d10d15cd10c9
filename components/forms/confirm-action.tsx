"use client";

import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

type BoundAction = (previous: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

const triggerStyles = {
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
};

/**
 * A button that asks before it acts: it opens a dialog that says what will happen, and
 * only the dialog's confirm button submits `action` (with `fields` as hidden inputs).
 */
export function ConfirmAction({
  action,
  fields = {},
  triggerLabel,
  triggerVariant = "danger",
  triggerDisabled,
  title,
  description,
  confirmLabel,
  confirmVariant = "danger",
  pendingLabel,
}: {
  action: BoundAction;
  fields?: Record<string, string>;
  triggerLabel: string;
  triggerVariant?: keyof typeof triggerStyles;
  triggerDisabled?: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  confirmVariant?: "danger" | "primary";
  pendingLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  // A fresh form (and so a fresh action state) each time the dialog opens.
  const [attempt, setAttempt] = useState(0);
  return (
    <>
      <button
        type="button"
        disabled={triggerDisabled}
        onClick={() => {
          setAttempt((n) => n + 1);
          setOpen(true);
        }}
        className={`rounded-md px-3 py-1.5 text-sm font-medium shadow-xs disabled:cursor-not-allowed disabled:opacity-60 ${triggerStyles[triggerVariant]}`}
      >
        {triggerLabel}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <ConfirmForm
          key={attempt}
          action={action}
          fields={fields}
          description={description}
          confirmLabel={confirmLabel}
          confirmVariant={confirmVariant}
          pendingLabel={pendingLabel}
          onDone={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function ConfirmForm({
  action,
  fields,
  description,
  confirmLabel,
  confirmVariant,
  pendingLabel,
  onDone,
}: {
  action: BoundAction;
  fields: Record<string, string>;
  description: React.ReactNode;
  confirmLabel: string;
  confirmVariant: "danger" | "primary";
  pendingLabel?: string;
  onDone: () => void;
}) {
  const [state, formAction] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="text-sm text-slate-700">{description}</div>
      <FormMessage state={state && !state.ok ? state : null} />
      <div className="flex flex-wrap justify-end gap-2">
        <button
          type="button"
          onClick={onDone}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
        >
          Cancel
        </button>
        <SubmitButton variant={confirmVariant} pendingLabel={pendingLabel}>
          {confirmLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
