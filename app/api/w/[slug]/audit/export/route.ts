import { workspaceGetRoute } from "@/lib/actions/route";
import { exportAuditCsv, exportAuditInput } from "@/lib/audit/export-audit-csv";
import { csvDownload } from "@/lib/csv/csv-download";

// GET ?member=&action=: the audit log (newest 10,000 events) as a CSV download.
export const GET = workspaceGetRoute("audit.read", exportAuditInput, async (context, input) =>
  csvDownload(await exportAuditCsv(context, input)),
);
