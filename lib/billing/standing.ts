import { db } from "@/lib/db/client";
import type { Micros } from "@/lib/billing/money";
import { creditTotals, ensureSignupCredits } from "@/lib/billing/credits";
import { chargeTotals, monthStart } from "@/lib/billing/rating";

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

/** Standings of the named workspaces (or every live one), as of `now`. */
export async function standings(now: Date = new Date(), workspaceIds?: string[]): Promise<Map<string, Standing>> {
  const ids =
    workspaceIds ??
    (await db().workspace.findMany({ where: { deletedAt: null }, select: { id: true } })).map((w) => w.id);
  if (ids.length === 0) return new Map();
  await ensureSignupCredits(ids);
  const [credits, charges, month, budgets] = await Promise.all([
    creditTotals(ids),
    chargeTotals(new Date(0), now, ids),
    chargeTotals(monthStart(now), now, ids),
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
