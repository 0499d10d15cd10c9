"use client";

import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { StateBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { KUBECONFIG_STATES } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";

interface Item {
  id: string;
  label: string;
  owner: { membershipId: string; name: string | null; email: string | null };
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
}

function RevokeButton({ action, item }: { action: FormAction; item: Item }) {
  const { formAction, failure } = useFormAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the kubeconfig "${item.label}"? kubectl using it stops working.`))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="credentialId" value={item.id} />
      <SubmitButton variant="secondary" pendingLabel="Revoking…" aria-label={`Revoke ${item.label}`}>
        Revoke
      </SubmitButton>
      <FormMessage state={failure} />
    </form>
  );
}

export function KubeconfigList({
  revokeAction,
  revokeAllAction,
  items,
  showOwner,
  ownMembershipId,
}: {
  revokeAction: FormAction;
  revokeAllAction: FormAction<{ revoked: number }>;
  items: Item[];
  showOwner: boolean;
  ownMembershipId: string;
}) {
  const revokeAll = useFormAction(revokeAllAction);
  const ownActive = items.filter((i) => i.status === "active" && i.owner.membershipId === ownMembershipId).length;

  if (items.length === 0) {
    return <EmptyState>No kubeconfigs issued yet. Create one above to use kubectl with this workspace.</EmptyState>;
  }
  return (
    <div className="flex flex-col gap-3">
      <Table>
        <TableHead className="text-xs uppercase">
          <tr>
            <Th>Name</Th>
            {showOwner ? <Th>Member</Th> : null}
            <Th>Issued</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </TableHead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-b border-slate-100 last:border-0">
              <Td className="font-medium">{item.label}</Td>
              {showOwner ? <Td>{item.owner.name ?? item.owner.email}</Td> : null}
              <Td className="whitespace-nowrap">
                <DateTime at={item.createdAt} />
              </Td>
              <Td className="whitespace-nowrap">
                <DateTime at={item.expiresAt} />
              </Td>
              <Td>
                <StateBadge state={item.status} states={KUBECONFIG_STATES} />
              </Td>
              <Td className="text-right">
                {item.status === "active" ? <RevokeButton action={revokeAction} item={item} /> : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {ownActive > 0 ? (
        <form
          action={revokeAll.formAction}
          onSubmit={(event) => {
            if (!window.confirm(`Revoke all ${ownActive} of your active kubeconfigs for this workspace?`))
              event.preventDefault();
          }}
          className="flex flex-col items-start gap-2"
        >
          <SubmitButton variant="danger" pendingLabel="Revoking…">
            Revoke all my kubeconfigs
          </SubmitButton>
          <FormMessage
            state={
              revokeAll.result
                ? { ok: true, message: `Revoked ${revokeAll.result.revoked} kubeconfig(s).` }
                : revokeAll.failure
            }
          />
        </form>
      ) : null}
    </div>
  );
}
