import Link from "next/link";
import type { AuditEventRow } from "@/lib/audit/list-audit-events";
import { DateTime } from "@/components/ui/date-time";
import { StateBadge } from "@/components/ui/badge";
import { AUDIT_OUTCOMES } from "@/components/ui/states";

export function RecentActivity({ events, auditHref }: { events: AuditEventRow[]; auditHref: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing has happened here yet.</p>;
  return (
    <div className="flex flex-col gap-3">
      <ol className="divide-y divide-slate-100">
        {events.map((event) => (
          <li key={event.id} className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:items-center sm:gap-3">
            <span className="text-xs text-slate-500 sm:w-48 sm:shrink-0">
              <DateTime at={event.createdAt} className="whitespace-nowrap" />
            </span>
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium text-slate-900">
                {event.actor ? (event.actor.name ?? event.actor.email ?? "Unknown user") : "Canopy"}
              </span>{" "}
              <code className="rounded bg-slate-100 px-1 text-xs">{event.action}</code>
            </span>
            <span className="self-start sm:self-auto">
              <StateBadge state={event.outcome} states={AUDIT_OUTCOMES} />
            </span>
          </li>
        ))}
      </ol>
      <Link href={auditHref} className="text-brand-700 self-start text-sm hover:underline">
        View the full audit log
      </Link>
    </div>
  );
}
