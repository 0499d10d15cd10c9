"use client";

import { useActionState, useState } from "react";
import { inviteMemberAction } from "@/app/(console)/w/[slug]/invitations/actions";
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { InvitationLink } from "@/components/invitations/invitation-link";

export function InviteForm({ slug, roles }: { slug: string; roles: Role[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>(roles.includes("DEVELOPER") ? "DEVELOPER" : (roles[0] ?? ""));
  // Controlled fields: a failed submission keeps what was typed; a successful one clears it.
  const [state, action] = useActionState(async (previous: unknown, form: FormData) => {
    const result = await inviteMemberAction(slug, previous, form);
    if (result.ok) setEmail("");
    return result;
  }, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-4 sm:flex-row sm:items-start" noValidate>
        <div className="flex-1">
          <Field
            label="Email address"
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={fieldErrors?.email}
            hint="Only an account with this verified email can accept."
          />
        </div>
        <div className="sm:w-44">
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value)}
            errors={fieldErrors?.role}
            options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          />
        </div>
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Inviting…">Invite</SubmitButton>
        </div>
      </form>
      <FormMessage state={state && !state.ok && !state.fieldErrors ? state : null} />
      {state?.ok ? (
        <InvitationLink
          key={state.data.link}
          link={state.data.link}
          email={state.data.email}
          delivery={state.data.delivery}
        />
      ) : null}
    </div>
  );
}
