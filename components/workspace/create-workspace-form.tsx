"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { cardClass } from "@/components/ui/card";

function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export function CreateWorkspaceForm({ action }: { action: FormAction<unknown> }) {
  const { formAction, errorsFor, failure } = useFormAction(action);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);

  return (
    <form
      action={formAction}
      className={cardClass({ padding: "none", className: "flex flex-col gap-4 p-6" })}
      noValidate
    >
      <Field
        label="Name"
        name="displayName"
        value={name}
        required
        autoComplete="off"
        errors={errorsFor("displayName")}
        onChange={(event) => {
          setName(event.target.value);
          if (!slugEdited) setSlug(suggestSlug(event.target.value));
        }}
      />
      <Field
        label="URL name"
        name="slug"
        value={slug}
        required
        autoComplete="off"
        hint={`Lowercase letters, digits and hyphens. Your workspace lives at /w/${slug || "…"} and in namespace ws-${slug || "…"}; it cannot be changed later.`}
        errors={errorsFor("slug")}
        onChange={(event) => {
          setSlugEdited(true);
          setSlug(event.target.value);
        }}
      />
      <FormMessage state={failure} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create workspace</SubmitButton>
      </div>
    </form>
  );
}
