"use client";

import { useActionState, useState } from "react";
import { createWorkspace } from "@/app/(console)/workspaces/new/actions";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export function CreateWorkspaceForm() {
  const [state, action] = useActionState(createWorkspace, null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  return (
    <form action={action} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6" noValidate>
      <Field
        label="Name"
        name="displayName"
        value={name}
        required
        maxLength={60}
        autoComplete="off"
        errors={fieldErrors?.displayName}
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
        maxLength={40}
        autoComplete="off"
        hint={`Lowercase letters, digits and hyphens. Your workspace lives at /w/${slug || "…"} and in namespace ws-${slug || "…"}; it cannot be changed later.`}
        errors={fieldErrors?.slug}
        onChange={(event) => {
          setSlugEdited(true);
          setSlug(event.target.value);
        }}
      />
      <FormMessage state={state && !state.ok && !state.fieldErrors ? state : null} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create workspace</SubmitButton>
      </div>
    </form>
  );
}
