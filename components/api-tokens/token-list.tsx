"use client";

import { RevokeForm } from "@/components/forms/revoke-form";
import type { FormAction } from "@/components/forms/use-form-action";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { API_TOKEN_STATES } from "@/components/ui/states";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

// The member's own API tokens in this workspace, newest first, with when each was last used.

export interface TokenItem {
  id: string;
  name: string;
  prefix: string;
  roleLabel: string;
  /** Set when the member's role now caps the token below its own role. */
  cappedTo: string | null;
  state: "active" | "expired" | "revoked";
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  /** The one environment the token works in (its display name); null for the whole workspace. */
  environment: string | null;
  /** That environment was deleted, which revoked the token. */
  environmentDeleted: boolean;
}

function RevokeButton({ action, item }: { action: FormAction<{ message: string }>; item: TokenItem }) {
  const toast = useToast();
  return (
    <RevokeForm
      action={action}
      field="id"
      id={item.id}
      name={item.name}
      confirmText={`Revoke the token "${item.name}"? Anything using it is refused at once.`}
      onSuccess={(data) => toast({ message: data.message })}
    />
  );
}

export function TokenList({
  items,
  revokeAction,
}: {
  items: TokenItem[];
  revokeAction: FormAction<{ message: string }>;
}) {
  if (items.length === 0) {
    return <EmptyState>No API tokens yet. Create one above for a pipeline or a script.</EmptyState>;
  }
  return (
    <Table>
      <TableHead className="text-xs uppercase">
        <tr>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Environment</Th>
          <Th>Last used</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </TableHead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} className="border-b border-slate-100 last:border-0" data-testid={`api-token-${item.name}`}>
            <Td>
              <span className="font-medium">{item.name}</span>
              <code className="block text-xs text-slate-500">{item.prefix}…</code>
            </Td>
            <Td>
              {item.roleLabel}
              {item.cappedTo ? <span className="block text-xs text-slate-500">acts as {item.cappedTo}</span> : null}
            </Td>
            <Td>
              {item.environment ?? <span className="text-slate-500">All</span>}
              {item.environmentDeleted ? <span className="block text-xs text-slate-500">deleted</span> : null}
            </Td>
            <Td className="whitespace-nowrap">{item.lastUsedAt ? <DateTime at={item.lastUsedAt} /> : "Never"}</Td>
            <Td className="whitespace-nowrap">
              <DateTime at={item.expiresAt} />
            </Td>
            <Td>
              <StateBadge state={item.state} states={API_TOKEN_STATES} />
            </Td>
            <Td className="text-right">
              {item.state === "active" ? <RevokeButton action={revokeAction} item={item} /> : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
