"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function GrantAdminForm({ action }: { action: FormAction<{ userId: string }> }) {
  const [email, setEmail] = useState("");
  const [granted, setGranted] = useState<string | null>(null);
  const { formAction, errorsFor, failure } = useFormAction(action, {
    fields: ["email"],
    onSuccess: () => {
      setGranted(email);
      setEmail("");
    },
  });
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <h2 className="text-base font-semibold">Grant the administrator role</h2>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field
            label="Email address"
            name="email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={errorsFor("email")}
            hint="Someone who has already signed in to Canopy."
          />
        </div>
        <SubmitButton className="sm:mt-6" pendingLabel="Granting…">
          Grant
        </SubmitButton>
      </div>
      <FormMessage state={failure} />
      <p role="status" className="min-h-5 text-sm text-slate-600">
        {granted ? `${granted} is now a platform administrator.` : ""}
      </p>
    </form>
  );
}
