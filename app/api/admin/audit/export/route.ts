import { platformGetRoute } from "@/lib/actions/platform-action";
import { csvDownload } from "@/lib/csv/csv-download";
import { exportPlatformAuditCsv, exportPlatformAuditInput } from "@/lib/platform/export-platform-audit";

// GET ?actor=&action=&outcome=&target=: the platform audit log (newest 10,000 events) as CSV.
export const GET = platformGetRoute("platform.read", exportPlatformAuditInput, async (_context, input) =>
  csvDownload(await exportPlatformAuditCsv(input)),
);
