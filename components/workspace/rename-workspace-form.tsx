"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

export function RenameWorkspaceForm({
  action,
  displayName,
}: {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ displayName: string }>>;
  displayName: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const [value, setValue] = useState(displayName);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        label="Display name"
        name="displayName"
        value={value}
        required
        maxLength={60}
        autoComplete="off"
        hint="Shown in the portal. The URL name and the namespace never change."
        errors={fieldErrors?.displayName}
        onChange={(event) => setValue(event.target.value)}
      />
      <FormMessage
        state={state && !state.ok && !state.fieldErrors ? state : state?.ok ? { ok: true, message: "Saved." } : null}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…" disabled={value.trim() === displayName}>
          Save name
        </SubmitButton>
      </div>
    </form>
  );
}
