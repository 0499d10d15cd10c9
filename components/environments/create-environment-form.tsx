"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

/** A new environment: its name (a DNS label, fixed) and a display name. */
export function CreateEnvironmentForm({
  action,
  maxNameLength,
}: {
  action: FormAction<{ environment: string; namespace: string }>;
  maxNameLength: number;
}) {
  const [key, setKey] = useState(0);
  const { formAction, errorsFor, failure, result } = useFormAction(action, {
    fields: ["name", "displayName"],
    onSuccess: () => setKey((k) => k + 1),
  });
  return (
    <form key={key} action={formAction} className="flex flex-col gap-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          required
          autoComplete="off"
          maxLength={maxNameLength}
          placeholder="staging"
          hint="Lowercase letters, digits and hyphens; part of the namespace and of URLs, so it never changes."
          errors={errorsFor("name")}
        />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="off"
          placeholder="Staging"
          hint="Optional; you can change it later."
          errors={errorsFor("displayName")}
        />
      </div>
      <FormMessage
        state={
          result
            ? { ok: true, message: `Created, in namespace ${result.namespace}. Move quota to it to start workloads.` }
            : failure
        }
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create environment</SubmitButton>
      </div>
    </form>
  );
}
