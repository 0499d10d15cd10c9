"use client";

import { useEffect, useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import type { TypeToConfirm } from "@/components/forms/confirm-action";
import { Button } from "@/components/ui/button";

// The form inside ConfirmAction's dialog: what will happen, the typed confirmation if asked
// for, and the confirm button that submits the action. Fetched apart, like the dialog's own
// code (confirm-action.tsx), so a page's first load carries only the button that opens it.

export default function ConfirmForm({
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
