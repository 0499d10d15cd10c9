import Link from "next/link";
import type { WorkspaceListRow } from "@/lib/platform/list-workspaces";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Email } from "@/components/ui/email";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

export function WorkspaceStates({
  status,
  billingHold,
  billingSuspended,
  operatorSuspended,
}: Pick<WorkspaceListRow, "status" | "billingHold" | "billingSuspended" | "operatorSuspended">) {
  return (
    <span className="flex flex-wrap gap-1">
      <Badge tone={status === "READY" ? "success" : status === "DELETED" ? "quiet" : "warning"}>
        {status.charAt(0) + status.slice(1).toLowerCase()}
      </Badge>
      {operatorSuspended ? <Badge tone="danger">Suspended by operator</Badge> : null}
      {billingSuspended ? (
        <Badge tone="danger">Suspended by billing</Badge>
      ) : billingHold === "BALANCE" ? (
        <Badge tone="warning">No credit</Badge>
      ) : billingHold === "BUDGET" ? (
        <Badge tone="warning">Over budget</Badge>
      ) : null}
    </span>
  );
}

export function WorkspaceTable({
  workspaces,
  planNames,
}: {
  workspaces: WorkspaceListRow[];
  planNames: Record<string, string>;
}) {
  return (
    <Table caption="Workspaces">
      <TableHead>
        <tr>
          <Th>Workspace</Th>
          <Th>Owner</Th>
          <Th>Plan</Th>
          <Th>State</Th>
          <Th>Created</Th>
        </tr>
      </TableHead>
      <tbody>
        {workspaces.map((w) => (
          <tr key={w.id} className="border-b border-slate-100 last:border-0">
            <Td>
              <Link href={`/admin/workspaces/${w.id}`} className="text-brand-700 font-medium hover:underline">
                {w.displayName}
              </Link>{" "}
              <code className="rounded bg-slate-100 px-1 text-xs">{w.slug}</code>
              {w.kind === "PERSONAL" ? <span className="block text-xs text-slate-500">Personal</span> : null}
            </Td>
            <Td>{w.ownerEmail ? <Email address={w.ownerEmail} className="text-slate-700" /> : "—"}</Td>
            <Td>{planNames[w.planId] ?? w.planId}</Td>
            <Td>
              <WorkspaceStates {...w} />
            </Td>
            <Td className="whitespace-nowrap">
              <DateTime at={w.createdAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
