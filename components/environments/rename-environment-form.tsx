"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function RenameEnvironmentForm({
  action,
  environment,
  displayName,
}: {
  action: FormAction<{ displayName: string }>;
  environment: string;
  displayName: string;
}) {
  const { formAction, errorsFor, failure, result } = useFormAction(action, { fields: ["displayName"] });
  const [value, setValue] = useState(displayName);
  return (
    <form action={formAction} className="flex flex-col gap-2 sm:flex-row sm:items-end" noValidate>
      <input type="hidden" name="environment" value={environment} />
      <Field
        className="flex-1"
        label={`Display name of ${environment}`}
        compact
        name="displayName"
        value={value}
        required
        autoComplete="off"
        errors={errorsFor("displayName")}
        onChange={(event) => setValue(event.target.value)}
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…" disabled={value.trim() === displayName}>
        Rename
      </SubmitButton>
      <FormMessage state={result ? { ok: true, message: "Saved." } : failure} />
    </form>
  );
}
