"use client";

import { useActionState, useState } from "react";
import { expandVolumeAction } from "@/app/(console)/w/[slug]/volumes/actions";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

export function ExpandVolumeForm({ slug, name, suggestedSize }: { slug: string; name: string; suggestedSize: string }) {
  const [state, action] = useActionState(expandVolumeAction.bind(null, slug), null);
  const [size, setSize] = useState(suggestedSize);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const message = state?.ok ? { ok: true, message: state.data.message } : state && !fieldErrors?.size ? state : null;

  return (
    <form action={action} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="name" value={name} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <Field
            label="New size"
            name="size"
            value={size}
            required
            autoComplete="off"
            errors={fieldErrors?.size}
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
