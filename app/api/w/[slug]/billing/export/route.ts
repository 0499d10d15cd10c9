import { workspaceGetRoute } from "@/lib/actions/route";
import { exportCsv } from "@/lib/billing/export-csv";
import { usageDetailInput } from "@/lib/billing/usage-detail";

// GET ?month=YYYY-MM&granularity=hourly|daily: the month's charges as a CSV download.
export const GET = workspaceGetRoute("billing.read", usageDetailInput, async (context, input) => {
  const { filename, body } = await exportCsv(context, input);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
