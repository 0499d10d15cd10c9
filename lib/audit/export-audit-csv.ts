import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { listAuditEventsInput, readAuditEvents, type AuditEventRow } from "@/lib/audit/list-audit-events";
import { csvCell } from "@/lib/csv/cell";

// The audit log as CSV, with the page's filters: every column the page shows, the target
// named and its recorded id, the full details as JSON, times in ISO 8601 UTC.

/** The newest events exported at most; the file says when there were more. */
export const AUDIT_EXPORT_MAX = 10_000;

export const exportAuditInput = listAuditEventsInput.pick({ member: true, action: true, environment: true });

const HEADER = [
  "time_utc",
  "actor_name",
  "actor_email",
  "action",
  "outcome",
  "target_kind",
  "target",
  "target_id",
  "client_address",
  "details_json",
];

/** Audit events (a workspace's, or the platform's) as CSV lines with the header, CRLF-ended. */
export function auditEventsCsv(events: AuditEventRow[]): string {
  const lines = events.map((e) =>
    [
      e.createdAt.toISOString(),
      e.actor?.name ?? (e.actor ? "" : "Canopy"),
      e.actor?.email ?? "",
      e.action,
      e.outcome,
      e.target?.kind ?? "",
      e.target?.label ?? "",
      e.target?.id ?? "",
      e.clientAddress ?? "",
      JSON.stringify(e.details),
    ]
      .map(csvCell)
      .join(","),
  );
  return [HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}

export async function exportAuditCsv(
  context: WorkspaceContext,
  input: z.output<typeof exportAuditInput>,
  now = new Date(),
): Promise<{ filename: string; body: string; truncated: boolean }> {
  const rows = await readAuditEvents(context, input, AUDIT_EXPORT_MAX + 1);
  const stamp = now.toISOString().slice(0, 10);
  return {
    filename: `audit-${context.workspace.slug}-${stamp}.csv`,
    body: auditEventsCsv(rows.slice(0, AUDIT_EXPORT_MAX)),
    truncated: rows.length > AUDIT_EXPORT_MAX,
  };
}
