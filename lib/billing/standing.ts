import { db } from "@/lib/db/client";
import type { Micros } from "@/lib/billing/money";
import { creditTotals } from "@/lib/billing/credits";
import { aggregateUsage, rateGroups, ratedThrough, type RatedLine } from "@/lib/billing/rating";
import { floorDay, monthStart } from "@/lib/time/utc";

// Where a workspace stands: credits, charges (stored line items plus usage rated live),
// balance, this month's cost against its budget, and whether it may start runtimes.

export type HoldReason = "BALANCE" | "BUDGET";

export interface Standing {
  workspaceId: string;
  credits: Micros;
  charges: Micros;
  balance: Micros;
  monthCost: Micros;
  budget: { limitMicros: Micros; hardLimit: boolean } | null;
  /** Why new runtimes are refused, or null. */
  hold: HoldReason | null;
}

export function holdReason(balance: Micros, monthCost: Micros, budget: Standing["budget"]): HoldReason | null {
  if (balance <= 0n) return "BALANCE";
  if (budget?.hardLimit && monthCost >= budget.limitMicros) return "BUDGET";
  return null;
}

/** Where stored charges end and live rating begins, as of `now`. */
export function liveFrom(rated: Date | null, now: Date): Date {
  return rated === null ? new Date(0) : rated > now ? now : rated;
}

/**
 * What a caller that reads the same workspace's charges has already started: the rating
 * cursor, and the live rating of [liveFrom(rated, now), now) for exactly these workspaces.
 */
export interface SharedReads {
  rated?: Date | null;
  live?: Promise<RatedLine[]>;
}

/**
 * Charges per workspace up to `now`, in total and since `month`: one SUM in PostgreSQL over
 * the daily rollups of the days already rated and the line items of the day in progress (both
 * totals in the same pass), plus the unrated rest rated live once.
 */
async function chargesOf(
  ids: string[],
  month: Date,
  now: Date,
  shared: SharedReads = {},
): Promise<{ charges: Map<string, Micros>; month: Map<string, Micros> }> {
  const rated = shared.rated !== undefined ? shared.rated : await ratedThrough();
  const split = liveFrom(rated, now);
  const splitDay = floorDay(split);
  const charges = new Map<string, Micros>();
  const monthly = new Map<string, Micros>();
  const add = (map: Map<string, Micros>, id: string, amount: Micros) => map.set(id, (map.get(id) ?? 0n) + amount);
  const [stored, live] = await Promise.all([
    split > new Date(0)
      ? db().$queryRaw<{ workspace_id: string; total: string; month: string }[]>`
          SELECT workspace_id,
                 SUM(amount_micros)::text AS total,
                 COALESCE(SUM(amount_micros) FILTER (WHERE at >= ${month}), 0)::text AS month
            FROM (SELECT workspace_id, day AS at, amount_micros
                    FROM daily_charges
                   WHERE workspace_id = ANY(${ids}::text[]) AND day < ${splitDay}
                  UNION ALL
                  SELECT workspace_id, hour, amount_micros
                    FROM hourly_line_items
                   WHERE workspace_id = ANY(${ids}::text[]) AND hour >= ${splitDay} AND hour < ${split}) AS charges
           GROUP BY workspace_id`
      : [],
    shared.live ?? aggregateUsage(split, now, ids).then((groups) => rateGroups(groups)),
  ]);
  for (const row of stored) {
    charges.set(row.workspace_id, BigInt(row.total));
    monthly.set(row.workspace_id, BigInt(row.month));
  }
  for (const line of live) {
    add(charges, line.workspaceId, line.amountMicros);
    if (line.hour >= month) add(monthly, line.workspaceId, line.amountMicros);
  }
  return { charges, month: monthly };
}

/** Standings of the named workspaces (or every live one), as of `now`. */
export async function standings(
  now: Date = new Date(),
  workspaceIds?: string[],
  shared: SharedReads = {},
): Promise<Map<string, Standing>> {
  const ids =
    workspaceIds ??
    (await db().workspace.findMany({ where: { deletedAt: null }, select: { id: true } })).map((w) => w.id);
  if (ids.length === 0) return new Map();
  const [credits, { charges, month }, budgets] = await Promise.all([
    creditTotals(ids),
    chargesOf(ids, monthStart(now), now, shared),
    db().budget.findMany({ where: { workspaceId: { in: ids } } }),
  ]);
  const budgetOf = new Map(budgets.map((b) => [b.workspaceId, b] as const));
  const result = new Map<string, Standing>();
  for (const workspaceId of ids) {
    const c = credits.get(workspaceId) ?? 0n;
    const ch = charges.get(workspaceId) ?? 0n;
    const b = budgetOf.get(workspaceId);
    const budget = b ? { limitMicros: b.monthlyLimitMicros, hardLimit: b.hardLimit } : null;
    const monthCost = month.get(workspaceId) ?? 0n;
    result.set(workspaceId, {
      workspaceId,
      credits: c,
      charges: ch,
      balance: c - ch,
      monthCost,
      budget,
      hold: holdReason(c - ch, monthCost, budget),
    });
  }
  return result;
}

export async function standingOf(workspaceId: string, now: Date = new Date()): Promise<Standing> {
  return (await standings(now, [workspaceId])).get(workspaceId)!;
}
