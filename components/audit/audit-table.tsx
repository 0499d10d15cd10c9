import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { summarizeDetails } from "@/lib/audit/summarize-details";
import { AuditActor } from "@/components/audit/audit-actor";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { AUDIT_OUTCOMES } from "@/components/ui/states";
import { Table, TableHead, Th } from "@/components/ui/table";

const columns = ["Time", "Actor", "Action", "Target", "Outcome", "Details"];

/** The whole event on demand: a native disclosure, so it needs no script and works by keyboard. */
function FullDetails({ event }: { event: AuditEventRow }) {
  const full = {
    ...(event.target?.id ? { targetId: event.target.id } : {}),
    ...(event.clientAddress ? { clientAddress: event.clientAddress } : {}),
    ...event.details,
  };
  return (
    <details className="mt-1">
      <summary className="text-brand-700 cursor-pointer text-xs hover:underline">Full details</summary>
      <pre className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap text-slate-700">
        {JSON.stringify(full, null, 2)}
      </pre>
    </details>
  );
}

// On a phone each row is a card (the header row hides, every cell says what it is); from
// the sm breakpoint on it is a table that scrolls inside its frame.
const cell = "block px-4 py-1 sm:table-cell sm:py-3";
const label = "mr-1 text-xs text-slate-500 sm:hidden";

export function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <Table caption="Audit events, newest first">
      <TableHead className="hidden text-xs text-slate-500 uppercase sm:table-header-group">
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
            <tr key={event.id} className="block py-2 align-top sm:table-row sm:py-0">
              <td className={`${cell} text-slate-600 sm:min-w-32`}>
                <DateTime at={event.createdAt} />
              </td>
              <td className={`${cell} sm:min-w-40`}>
                <AuditActor actor={event.actor} />
              </td>
              <td className={cell}>
                <code className="rounded bg-slate-100 px-1 text-xs break-all sm:whitespace-nowrap">{event.action}</code>
                {event.environment ? (
                  <span className="mt-0.5 block text-xs text-slate-500" data-testid="audit-environment">
                    in {event.environment}
                  </span>
                ) : null}
              </td>
              <td className={`${cell} text-xs text-slate-600 sm:min-w-44`}>
                {event.target ? (
                  <>
                    <span className={label}>Target:</span>
                    <span className="text-slate-500">{event.target.kind} </span>
                    <span className="font-medium break-words text-slate-800">{event.target.label}</span>
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={cell}>
                <StateBadge state={event.outcome} states={AUDIT_OUTCOMES} />
              </td>
              <td className={`${cell} text-xs text-slate-600 sm:min-w-64`}>
                {details ? <span className="break-words">{details}</span> : <span className="text-slate-400">—</span>}
                <FullDetails event={event} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
