"use client";

import { useId, useState } from "react";
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

/** A member's role as a select (only the roles the viewer may hand out) with its own save button. */
export function MemberRoleForm({
  action,
  membershipId,
  memberName,
  role,
  options,
}: {
  action: FormAction;
  membershipId: string;
  memberName: string;
  role: Role;
  options: Role[];
}) {
  const { state, formAction } = useFormAction(action);
  const [selected, setSelected] = useState<Role>(role);
  // React resets a form after its action, which puts a select back to the option it was
  // mounted with. So the select is uncontrolled and remounts per saved role (key), and
  // the choice is forgotten whenever an attempt completes.
  const [settled, setSettled] = useState(state);
  if (settled !== state) {
    setSettled(state);
    setSelected(role);
  }
  const id = useId();
  const errorId = `${id}-error`;
  const failed = state && !state.ok;
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="membershipId" value={membershipId} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {memberName}
        </label>
        <select
          key={role}
          id={id}
          name="role"
          defaultValue={role}
          onChange={(event) => setSelected(event.target.value as Role)}
          aria-invalid={failed || undefined}
          aria-describedby={failed ? errorId : undefined}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs aria-invalid:border-red-500"
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" pendingLabel="Saving…" disabled={selected === role}>
          Save
        </SubmitButton>
      </div>
      {failed ? (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {state.fieldErrors?.role?.join(" ") ?? state.message}
        </p>
      ) : state?.ok ? (
        <p role="status" className="text-brand-800 text-xs">
          Saved.
        </p>
      ) : null}
    </form>
  );
}
