import { workspaceGetRoute } from "@/lib/actions/route";
import { exportAuditCsv, exportAuditInput } from "@/lib/audit/export-audit-csv";

// GET ?member=&action=: the audit log (newest 10,000 events) as a CSV download.
export const GET = workspaceGetRoute("audit.read", exportAuditInput, async (context, input) => {
  const { filename, body, truncated } = await exportAuditCsv(context, input);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      ...(truncated ? { "X-Canopy-Truncated": "true" } : {}),
    },
  });
});
