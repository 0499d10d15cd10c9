"use client";

import { useState } from "react";
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import type { IssuedInvitation } from "@/lib/invitations/invite-member";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { InvitationLink } from "@/components/invitations/invitation-link";

export function InviteForm({
  action,
  roles,
}: {
  action: FormAction<Pick<IssuedInvitation, "email" | "link" | "delivery">>;
  roles: Role[];
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>(roles.includes("DEVELOPER") ? "DEVELOPER" : (roles[0] ?? ""));
  // Controlled fields: a failed submission keeps what was typed; a successful one clears it.
  const { formAction, errorsFor, failure, result } = useFormAction(action, { onSuccess: () => setEmail("") });

  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-4 sm:flex-row sm:items-start" noValidate>
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
            hint="Only an account with this verified email can accept."
          />
        </div>
        <div className="sm:w-44">
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value)}
            errors={errorsFor("role")}
            options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          />
        </div>
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Inviting…">Invite</SubmitButton>
        </div>
      </form>
      <FormMessage state={failure} />
      {result ? (
        <InvitationLink key={result.link} link={result.link} email={result.email} delivery={result.delivery} />
      ) : null}
    </div>
  );
}
