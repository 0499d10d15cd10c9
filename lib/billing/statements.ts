import { db } from "@/lib/db/client";
import { sumMicros } from "@/lib/billing/money";
import { DAY_MS, monthStart, nextMonth } from "@/lib/time/utc";

// Monthly statements: a closed month's hourly line items of a workspace, summed per resource
// and runtime or volume with no new rounding; the total is the sum of those lines, exactly.

const LOOKBACK_DAYS = 62;

/**
 * Issues the missing statements of every month that ends by `before` (a month start), for
 * each workspace with line items in it. Idempotent: one statement per workspace and month.
 */
export async function issueStatements(before: Date, workspaceIds?: string[]): Promise<number> {
  const since = monthStart(new Date(before.getTime() - LOOKBACK_DAYS * DAY_MS));
  const due = await db().$queryRaw<{ workspace_id: string; month: Date }[]>`
    SELECT DISTINCT l.workspace_id, date_trunc('month', l.hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
      FROM hourly_line_items l
     WHERE l.hour >= ${since} AND l.hour < ${before}
       AND (${workspaceIds ?? null}::text[] IS NULL OR l.workspace_id = ANY(${workspaceIds ?? null}::text[]))
       AND NOT EXISTS (SELECT 1 FROM statements s
                        WHERE s.workspace_id = l.workspace_id
                          AND s.month = date_trunc('month', l.hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
  let issued = 0;
  for (const { workspace_id: workspaceId, month } of due) {
    if (await issueStatement(workspaceId, month)) issued++;
  }
  return issued;
}

/** Issues one workspace's statement for one month; false if it already exists. */
export async function issueStatement(workspaceId: string, month: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('canopy-statement'), hashtext(${workspaceId}))`;
    const existing = await tx.statement.findUnique({ where: { workspaceId_month: { workspaceId, month } } });
    if (existing) return false;
    const groups = await tx.hourlyLineItem.groupBy({
      by: ["resource", "runtimeClass", "subjectKind", "subjectName"],
      where: { workspaceId, hour: { gte: month, lt: nextMonth(month) } },
      _sum: { quantityMinutes: true, amountMicros: true },
      orderBy: [{ resource: "asc" }, { subjectName: "asc" }, { runtimeClass: "asc" }, { subjectKind: "asc" }],
    });
    const lines = groups.map((g) => ({
      resource: g.resource,
      runtimeClass: g.runtimeClass,
      subjectKind: g.subjectKind,
      subjectName: g.subjectName,
      quantityMinutes: g._sum.quantityMinutes ?? 0n,
      amountMicros: g._sum.amountMicros ?? 0n,
    }));
    await tx.statement.create({
      data: {
        workspaceId,
        month,
        totalMicros: sumMicros(lines.map((l) => l.amountMicros)),
        lines: { create: lines },
      },
    });
    return true;
  });
}
