"use client";

import { useState } from "react";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { SelectField } from "@/components/forms/field";
import type { FormAction } from "@/components/forms/use-form-action";

interface Candidate {
  membershipId: string;
  name: string;
  email: string | null;
}

/** Pick a member, then confirm: they become owner and the current owner becomes admin. */
export function TransferOwnershipForm({
  action,
  candidates,
  workspaceName,
}: {
  action: FormAction;
  candidates: Candidate[];
  workspaceName: string;
}) {
  const [selected, setSelected] = useState("");
  const chosen = candidates.find((c) => c.membershipId === selected);
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex-1">
        <SelectField
          label="New owner"
          name="membershipId"
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
          options={[
            { value: "", label: "Choose a member…" },
            ...candidates.map((c) => ({
              value: c.membershipId,
              label: c.email && c.email !== c.name ? `${c.name} (${c.email})` : c.name,
            })),
          ]}
        />
      </div>
      <ConfirmAction
        action={action}
        fields={{ membershipId: selected }}
        triggerLabel="Transfer ownership"
        triggerVariant="secondary"
        triggerDisabled={!chosen}
        title={`Make ${chosen?.name ?? "this member"} the owner?`}
        description={
          <p>
            <strong>{chosen?.name}</strong> becomes owner of <strong>{workspaceName}</strong> and you become an admin.
            Only an owner can give ownership back.
          </p>
        }
        confirmLabel="Transfer ownership"
        confirmVariant="primary"
        pendingLabel="Transferring…"
      />
    </div>
  );
}
