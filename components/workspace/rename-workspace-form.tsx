"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function RenameWorkspaceForm({
  action,
  displayName,
}: {
  action: FormAction<{ displayName: string }>;
  displayName: string;
}) {
  const { formAction, errorsFor, failure, result } = useFormAction(action);
  const [value, setValue] = useState(displayName);
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        label="Display name"
        name="displayName"
        value={value}
        required
        autoComplete="off"
        hint="Shown in the portal. The URL name and the namespace never change."
        errors={errorsFor("displayName")}
        onChange={(event) => setValue(event.target.value)}
      />
      <FormMessage state={result ? { ok: true, message: "Saved." } : failure} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…" disabled={value.trim() === displayName}>
          Save name
        </SubmitButton>
      </div>
    </form>
  );
}
