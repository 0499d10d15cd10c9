"use client";

import { startTransition, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

// Roles per environment (lib/environments/environment-roles.ts): owners and admins lower a
// member's role in one non-default environment (a developer who is a viewer in prod), and
// remove the lowering. The server refuses a role that is not lower than the member's
// workspace role, next to the Role field.

export interface RoleMember {
  membershipId: string;
  label: string;
  /** The workspace role's label. */
  role: string;
}

export interface LoweredRole {
  membershipId: string;
  member: string;
  workspaceRole: string;
  environment: string;
  environmentName: string;
  role: string;
}

type Changed = { changed: boolean };

function RemoveLowering({ action, row }: { action: FormAction<Changed>; row: LoweredRole }) {
  const { formAction, failure } = useFormAction(action);
  return (
    <form action={formAction}>
      <input type="hidden" name="membershipId" value={row.membershipId} />
      <input type="hidden" name="environment" value={row.environment} />
      <input type="hidden" name="role" value="INHERIT" />
      <SubmitButton
        variant="secondary"
        pendingLabel="Removing…"
        aria-label={`Remove ${row.member}'s role in ${row.environmentName}`}
      >
        Remove
      </SubmitButton>
      <FormMessage state={failure} />
    </form>
  );
}

export function EnvironmentRolesForm({
  action,
  members,
  environments,
  roles,
  lowered,
}: {
  action: FormAction<Changed>;
  members: RoleMember[];
  /** The non-default environments. */
  environments: { environment: string; displayName: string }[];
  roles: { value: string; label: string }[];
  lowered: LoweredRole[];
}) {
  const fields = ["membershipId", "environment", "role"] as const;
  const { formAction, errorsFor, failure, result, pending } = useFormAction(action, { fields });
  // A refused choice must stay on screen beside its error, so the selects are controlled and
  // the form dispatches from onSubmit: React resets a form whose `action` ran (selects too).
  const [choice, setChoice] = useState<Record<(typeof fields)[number], string>>({
    membershipId: members[0]?.membershipId ?? "",
    environment: environments[0]?.environment ?? "",
    role: roles[0]?.value ?? "",
  });
  const bind = (name: (typeof fields)[number]) => ({
    name,
    value: choice[name],
    errors: errorsFor(name),
    onChange: (event: React.ChangeEvent<HTMLSelectElement>) =>
      setChoice((current) => ({ ...current, [name]: event.target.value })),
  });
  return (
    <div className="flex flex-col gap-4">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
        aria-label="Set a role in one environment"
        className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
        noValidate
      >
        <SelectField
          className="sm:w-64"
          label="Member"
          options={members.map((m) => ({ value: m.membershipId, label: `${m.label} (${m.role})` }))}
          {...bind("membershipId")}
        />
        <SelectField
          className="sm:w-40"
          label="Environment"
          options={environments.map((e) => ({ value: e.environment, label: e.displayName }))}
          {...bind("environment")}
        />
        <SelectField className="sm:w-48" label="Role there" options={roles} {...bind("role")} />
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? "Saving…" : "Set role"}
        </Button>
      </form>
      <FormMessage
        state={
          result
            ? { ok: true, message: result.changed ? "Saved. Their access there changed." : "Nothing changed." }
            : failure
        }
      />
      {lowered.length === 0 ? (
        <p className="text-sm text-slate-600">Everyone has their workspace role in every environment.</p>
      ) : (
        <Table caption="Roles lowered in one environment">
          <TableHead>
            <tr>
              <Th>Member</Th>
              <Th>Environment</Th>
              <Th>Role there</Th>
              <Th>Workspace role</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </TableHead>
          <tbody className="divide-y divide-slate-100">
            {lowered.map((row) => (
              <tr key={`${row.membershipId}/${row.environment}`}>
                <Td>{row.member}</Td>
                <Td>{row.environmentName}</Td>
                <Td className="font-medium">{row.role}</Td>
                <Td className="text-slate-600">{row.workspaceRole}</Td>
                <Td>
                  <RemoveLowering action={action} row={row} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
