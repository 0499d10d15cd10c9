"use client";

import { useEffect, useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** For the gravest actions: the confirm button enables once `expected` is typed into `field` (the server checks it too). */
export interface TypeToConfirm {
  field: string;
  expected: string;
}

/**
 * A button that asks before it acts: it opens a dialog that says what will happen, and
 * only the dialog's confirm button submits `action` (with `fields` as hidden inputs).
 */
export function ConfirmAction({
  action,
  fields = {},
  triggerLabel,
  triggerVariant = "danger-outline",
  triggerSize = "sm",
  triggerDisabled,
  title,
  description,
  confirmLabel,
  confirmVariant = "danger",
  pendingLabel,
  typeToConfirm,
  onSuccess,
}: {
  action: FormAction;
  fields?: Record<string, string>;
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  triggerSize?: "sm" | "md";
  triggerDisabled?: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  confirmVariant?: "danger" | "primary";
  pendingLabel?: string;
  typeToConfirm?: TypeToConfirm;
  /** Runs once the action succeeded, with its result (a toast, a navigation). */
  onSuccess?: (data: unknown) => void;
}) {
  const [open, setOpen] = useState(false);
  // A fresh form (and so a fresh action state and empty input) each time the dialog opens.
  const [attempt, setAttempt] = useState(0);
  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        disabled={triggerDisabled}
        onClick={() => {
          setAttempt((n) => n + 1);
          setOpen(true);
        }}
      >
        {triggerLabel}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <ConfirmForm
          key={attempt}
          action={action}
          fields={fields}
          description={description}
          confirmLabel={confirmLabel}
          confirmVariant={confirmVariant}
          pendingLabel={pendingLabel}
          typeToConfirm={typeToConfirm}
          onSuccess={onSuccess}
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
  typeToConfirm,
  onSuccess,
  onDone,
}: {
  action: FormAction;
  fields: Record<string, string>;
  description: React.ReactNode;
  confirmLabel: string;
  confirmVariant: "danger" | "primary";
  pendingLabel?: string;
  typeToConfirm?: TypeToConfirm;
  onSuccess?: (data: unknown) => void;
  onDone: () => void;
}) {
  // The typed confirmation shows its own error; any other failure is the form's message.
  const { state, formAction, errorsFor, failure } = useFormAction(action, {
    fields: typeToConfirm ? [typeToConfirm.field] : [],
    onSuccess,
  });
  const [typed, setTyped] = useState("");
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="text-sm text-slate-700">{description}</div>
      {typeToConfirm ? (
        <Field
          label={`Type ${typeToConfirm.expected} to confirm`}
          name={typeToConfirm.field}
          value={typed}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          errors={errorsFor(typeToConfirm.field)}
          onChange={(event) => setTyped(event.target.value)}
        />
      ) : null}
      <FormMessage state={failure} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <SubmitButton
          variant={confirmVariant}
          pendingLabel={pendingLabel}
          disabled={typeToConfirm ? typed.trim() !== typeToConfirm.expected : undefined}
        >
          {confirmLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
