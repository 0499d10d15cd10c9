import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { summarizeDetails } from "@/lib/audit/summarize-details";
import { AuditActor } from "@/components/audit/audit-actor";
import { AuditTime } from "@/components/audit/audit-time";
import { OutcomeBadge } from "@/components/audit/outcome-badge";

const columns = ["Time", "Actor", "Action", "Target", "Outcome", "Client address", "Details"];

export function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => {
            const details = summarizeDetails(event.details);
            return (
              <tr key={event.id} className="align-top">
                <td className="min-w-32 px-4 py-3 text-slate-600">
                  <AuditTime at={event.createdAt} />
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
                  <OutcomeBadge outcome={event.outcome} />
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
      </table>
    </div>
  );
}
