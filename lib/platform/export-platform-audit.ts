import { AUDIT_EXPORT_MAX, auditEventsCsv } from "@/lib/audit/export-audit-csv";
import { listPlatformAuditInput, readPlatformAudit } from "@/lib/platform/list-platform-audit";
import type { z } from "zod";

// The platform audit log as CSV with the page's filters (not its page cursor): the newest
// 10,000 events, the same columns as a workspace's export.

export const exportPlatformAuditInput = listPlatformAuditInput.omit({ before: true });

export async function exportPlatformAuditCsv(
  filters: z.output<typeof exportPlatformAuditInput>,
  now = new Date(),
): Promise<{ filename: string; body: string; truncated: boolean }> {
  const rows = await readPlatformAudit(filters, AUDIT_EXPORT_MAX + 1);
  return {
    filename: `platform-audit-${now.toISOString().slice(0, 10)}.csv`,
    body: auditEventsCsv(rows.slice(0, AUDIT_EXPORT_MAX)),
    truncated: rows.length > AUDIT_EXPORT_MAX,
  };
}
