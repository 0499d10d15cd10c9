import type { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { csvCell } from "@/lib/csv/cell";
import { microsToDecimal } from "@/lib/billing/parse-money";
import { monthKey, parseMonth } from "@/lib/time/utc";
import { usageDetail, type usageDetailInput } from "@/lib/billing/usage-detail";

// The month's charges as CSV, hourly or daily: one row per period, resource and runtime or
// volume; money in plain decimals of the currency unit, exact to the micro-unit.

const UNITS: Record<string, string> = {
  CPU: "millicore-minutes",
  RUNTIME_CLASS: "millicore-minutes",
  MEMORY: "byte-minutes",
  STORAGE: "byte-minutes",
  ENDPOINT: "endpoint-minutes",
};

const cell = csvCell;

export async function exportCsv(
  context: WorkspaceContext,
  input: z.output<typeof usageDetailInput>,
  now: Date = new Date(),
): Promise<{ filename: string; body: string }> {
  const { lines } = await usageDetail(context, { ...input, day: undefined }, now);
  const header = [
    "period",
    "resource",
    "runtime_class",
    "subject_kind",
    "subject",
    "quantity",
    "quantity_unit",
    "unit_price",
    "amount",
  ].join(",");
  const rows = lines.map((l) =>
    [
      cell(l.period),
      cell(l.resource),
      cell(l.runtimeClass),
      cell(l.subjectKind),
      cell(l.subject),
      l.quantityMinutes.toString(),
      cell(UNITS[l.resource]!),
      l.unitPriceMicros < 0n ? "" : microsToDecimal(l.unitPriceMicros),
      microsToDecimal(l.amountMicros),
    ].join(","),
  );
  const month = monthKey(parseMonth(input.month, now));
  return {
    filename: `${context.workspace.slug}-${month}-${input.granularity}.csv`,
    body: [header, ...rows].join("\r\n") + "\r\n",
  };
}
