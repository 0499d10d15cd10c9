"use client";

import { ConfirmAction } from "@/components/forms/confirm-action";
import { RevokeForm } from "@/components/forms/revoke-form";
import type { FormAction } from "@/components/forms/use-form-action";
import { StateBadge } from "@/components/ui/badge";
import { useToast } from "@/components/ui/toast";
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
  return (
    <RevokeForm
      action={action}
      field="credentialId"
      id={item.id}
      name={item.label}
      confirmText={`Revoke the kubeconfig "${item.label}"? kubectl using it stops working.`}
    />
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
  const toast = useToast();
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
        // A secondary, destructive action: beside the list, outlined in red, behind a dialog.
        <div className="flex justify-end">
          <ConfirmAction
            action={revokeAllAction}
            triggerLabel="Revoke all my kubeconfigs"
            triggerVariant="danger-outline"
            title="Revoke all your kubeconfigs?"
            description={
              <p>
                {ownActive === 1 ? "Your active kubeconfig" : `All ${ownActive} of your active kubeconfigs`} for this
                workspace stop working at once: kubectl using them is refused. Other members&apos; kubeconfigs are not
                affected.
              </p>
            }
            confirmLabel="Revoke all"
            pendingLabel="Revoking…"
            onSuccess={(data) => {
              const { revoked } = data as { revoked: number };
              toast({ message: `Revoked ${revoked} ${revoked === 1 ? "kubeconfig" : "kubeconfigs"}.` });
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
