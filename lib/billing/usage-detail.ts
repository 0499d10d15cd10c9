import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { chargeGroups } from "@/lib/billing/charge-groups";
import type { ChargeResource } from "@/lib/billing/rating";
import { AppError } from "@/lib/errors/app-error";
import { DAY_MS, nextMonth, parseMonth } from "@/lib/time/utc";

export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-11.")
  .optional();

export const usageDetailInput = z.object({
  month: monthParam,
  granularity: z.enum(["hourly", "daily"]).default("daily"),
  /** For the hourly view: one day (YYYY-MM-DD) of the month; the whole month in a CSV. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a day like 2026-11-21.")
    .optional(),
});

export interface DetailLine {
  period: string;
  resource: ChargeResource;
  runtimeClass: string;
  subjectKind: "RUNTIME" | "VOLUME";
  subject: string;
  quantityMinutes: bigint;
  unitPriceMicros: bigint;
  amountMicros: bigint;
}

/** Charge lines per hour, or summed per day, over a month (or one day of it). */
export async function usageDetail(
  context: WorkspaceContext,
  input: z.output<typeof usageDetailInput>,
  now: Date = new Date(),
): Promise<{ from: Date; to: Date; lines: DetailLine[] }> {
  let from = parseMonth(input.month, now);
  let to = nextMonth(from);
  if (input.day) {
    const day = new Date(`${input.day}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day < from || day >= to)
      throw AppError.invalid("day", "Pick a day of that month.");
    from = day;
    to = new Date(day.getTime() + DAY_MS);
  }
  const end = to > now ? now : to;
  const groups = from < end ? await chargeGroups(context.workspace.id, from, end, input.granularity) : [];
  const grouped = new Map<string, DetailLine>();
  for (const l of groups) {
    const key = [l.period, l.resource, l.runtimeClass, l.subjectKind, l.subjectName].join("\u0000");
    const row = grouped.get(key);
    if (row) {
      // A stored group and live lines of the same day.
      row.quantityMinutes += l.quantityMinutes;
      row.amountMicros += l.amountMicros;
      if (row.unitPriceMicros !== l.unitPriceMicros) row.unitPriceMicros = -1n; // several prices that day
    } else {
      grouped.set(key, {
        period: l.period,
        resource: l.resource,
        runtimeClass: l.runtimeClass,
        subjectKind: l.subjectKind,
        subject: l.subjectName,
        quantityMinutes: l.quantityMinutes,
        unitPriceMicros: l.unitPriceMicros,
        amountMicros: l.amountMicros,
      });
    }
  }
  return {
    from,
    to,
    lines: [...grouped.values()].sort(
      (a, b) =>
        a.period.localeCompare(b.period) || a.subject.localeCompare(b.subject) || a.resource.localeCompare(b.resource),
    ),
  };
}
