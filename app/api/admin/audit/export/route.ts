import { platformGetRoute } from "@/lib/actions/platform-action";
import { exportPlatformAuditCsv, exportPlatformAuditInput } from "@/lib/platform/export-platform-audit";

// GET ?actor=&action=&outcome=&target=: the platform audit log (newest 10,000 events) as CSV.
export const GET = platformGetRoute("platform.read", exportPlatformAuditInput, async (_context, input) => {
  const { filename, body, truncated } = await exportPlatformAuditCsv(input);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      ...(truncated ? { "X-Canopy-Truncated": "true" } : {}),
    },
  });
});
