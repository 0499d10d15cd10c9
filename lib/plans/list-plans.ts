import { db } from "@/lib/db/client";
import type { Micros } from "@/lib/billing/money";
import { AppError } from "@/lib/errors/app-error";
import { QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";

// The operator's reads of plans: the list (with how many live workspaces each has) and one
// plan with its whole price history, each row marked past, in force or scheduled.

export interface PlanSummary {
  id: string;
  name: string;
  description: string;
  quota: Record<QuotaKey, number>;
  allowedRuntimeClasses: string[];
  allowedStorageClasses: string[];
  workspaces: number;
}

export async function listPlans(): Promise<PlanSummary[]> {
  const [plans, counts] = await Promise.all([
    db().plan.findMany({ orderBy: { id: "asc" } }),
    db().workspace.groupBy({ by: ["planId"], where: { deletedAt: null }, _count: { _all: true } }),
  ]);
  const byPlan = new Map(counts.map((c) => [c.planId, c._count._all] as const));
  return plans.map((plan) => ({
    id: plan.id,
    name: plan.name,
    description: plan.description,
    quota: Object.fromEntries(QUOTA_KEYS.map(({ key, field }) => [key, plan[field]])) as Record<QuotaKey, number>,
    allowedRuntimeClasses: plan.allowedRuntimeClasses,
    allowedStorageClasses: plan.allowedStorageClasses,
    workspaces: byPlan.get(plan.id) ?? 0,
  }));
}

export type PriceState = "PAST" | "IN_FORCE" | "SCHEDULED";

export interface PriceHistoryRow {
  id: string;
  resource: string;
  runtimeClass: string;
  unitPriceMicros: Micros;
  effectiveFrom: Date;
  createdAt: Date;
  state: PriceState;
}

export async function planDetail(planId: string, now: Date = new Date()) {
  const plan = await db().plan.findUnique({
    where: { id: planId },
    include: { prices: { orderBy: [{ resource: "asc" }, { runtimeClass: "asc" }, { effectiveFrom: "desc" }] } },
  });
  if (!plan) throw AppError.notFound("That plan");
  const workspaces = await db().workspace.count({ where: { planId, deletedAt: null } });
  // Per resource and class, the newest row at or before now is in force; older ones are past.
  const seen = new Set<string>();
  const prices: PriceHistoryRow[] = plan.prices.map((p) => {
    const series = `${p.resource}/${p.runtimeClass}`;
    let state: PriceState = "SCHEDULED";
    if (p.effectiveFrom <= now) {
      state = seen.has(series) ? "PAST" : "IN_FORCE";
      seen.add(series);
    }
    return {
      id: p.id,
      resource: p.resource,
      runtimeClass: p.runtimeClass,
      unitPriceMicros: p.unitPriceMicros,
      effectiveFrom: p.effectiveFrom,
      createdAt: p.createdAt,
      state,
    };
  });
  return { plan: { ...plan, prices: undefined }, workspaces, prices };
}

export type PlanDetail = Awaited<ReturnType<typeof planDetail>>;
