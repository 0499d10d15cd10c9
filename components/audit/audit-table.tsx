import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { summarizeDetails } from "@/lib/audit/summarize-details";
import { AuditActor } from "@/components/audit/audit-actor";
import { DateTime } from "@/components/ui/date-time";
import { StateBadge } from "@/components/ui/badge";
import { AUDIT_OUTCOMES } from "@/components/ui/states";
import { Table, TableHead, Th } from "@/components/ui/table";

const columns = ["Time", "Actor", "Action", "Target", "Outcome", "Client address", "Details"];

export function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <Table caption="Audit events, newest first">
      <TableHead className="text-xs text-slate-500 uppercase">
        <tr>
          {columns.map((column) => (
            <Th key={column}>{column}</Th>
          ))}
        </tr>
      </TableHead>
      <tbody className="divide-y divide-slate-100">
        {events.map((event) => {
          const details = summarizeDetails(event.details);
          return (
            <tr key={event.id} className="align-top">
              <td className="min-w-32 px-4 py-3 text-slate-600">
                <DateTime at={event.createdAt} />
              </td>
              <td className="min-w-40 px-4 py-3">
                <AuditActor actor={event.actor} />
              </td>
              <td className="px-4 py-3">
                <code className="rounded bg-slate-100 px-1 text-xs whitespace-nowrap">{event.action}</code>
              </td>
              <td className="min-w-52 px-4 py-3 text-xs text-slate-600">
                {event.targetType ? (
                  <>
                    <span className="block text-slate-800">{event.targetType}</span>
                    {event.targetId ? <span className="block font-mono break-all">{event.targetId}</span> : null}
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-4 py-3">
                <StateBadge state={event.outcome} states={AUDIT_OUTCOMES} />
              </td>
              <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-600">
                {event.clientAddress ?? <span className="text-slate-400">—</span>}
              </td>
              <td className="min-w-64 px-4 py-3 text-xs text-slate-600">
                {details || <span className="text-slate-400">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
