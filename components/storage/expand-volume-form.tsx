"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function ExpandVolumeForm({
  action,
  name,
  suggestedSize,
}: {
  action: FormAction<{ message: string }>;
  name: string;
  suggestedSize: string;
}) {
  const { formAction, errorsFor, failure, result } = useFormAction(action, { fields: ["size"] });
  const [size, setSize] = useState(suggestedSize);
  const message = result ? { ok: true, message: result.message } : failure;

  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="name" value={name} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <Field
            label="New size"
            name="size"
            value={size}
            required
            autoComplete="off"
            errors={errorsFor("size")}
            onChange={(event) => setSize(event.target.value)}
          />
        </div>
        <SubmitButton variant="secondary" pendingLabel="Expanding…">
          Expand
        </SubmitButton>
      </div>
      <FormMessage state={message} />
    </form>
  );
}
