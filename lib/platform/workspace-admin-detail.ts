import type { Role } from "@/lib/authz/permissions";
import { listCredits } from "@/lib/billing/credits";
import type { Micros } from "@/lib/billing/money";
import { standingOf } from "@/lib/billing/standing";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { listPlans } from "@/lib/platform/list-plans";
import { workspaceUsage, type KeyUsage } from "@/lib/platform/workspace-usage";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import { QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";

// One workspace as the operator sees it: plan, limits (the plan's, the override's, the
// effective ones and what is used), members, balance, credits, statements, holds and
// suspensions. Reads through the billing and quota domain functions.

export interface WorkspaceAdminDetail {
  id: string;
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
  status: string;
  createdAt: Date;
  namespace: string | null;
  plan: { id: string; name: string };
  plans: { id: string; name: string }[];
  quota: { key: QuotaKey; plan: number; override: number | null; effective: number; used: number | null }[];
  /** Why usage could not be read (the cluster did not answer), or null. */
  usageError: string | null;
  hasOverride: boolean;
  members: { userId: string; email: string | null; name: string | null; role: Role; disabled: boolean }[];
  balance: Micros;
  monthCost: Micros;
  billingHold: { reason: "BALANCE" | "BUDGET"; since: Date; suspendedAt: Date | null } | null;
  operatorSuspension: { reason: string; since: Date } | null;
  heldWorkloads: number;
  credits: { id: string; kind: string; amountMicros: Micros; note: string; grantedBy: string; createdAt: Date }[];
  statements: { id: string; month: Date; totalMicros: Micros; issuedAt: Date }[];
}

export async function workspaceAdminDetail(workspaceId: string): Promise<WorkspaceAdminDetail> {
  const w = await db().workspace.findFirst({
    where: { id: workspaceId, deletedAt: null },
    select: {
      id: true,
      slug: true,
      displayName: true,
      kind: true,
      status: true,
      createdAt: true,
      plan: true,
      quotaOverride: true,
      billingHold: true,
      operatorSuspension: true,
      namespaces: { where: { environment: "default" }, select: { name: true } },
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
      },
      _count: { select: { heldWorkloads: true } },
    },
  });
  if (!w) throw AppError.notFound("That workspace");
  const namespace = w.namespaces[0]?.name ?? null;
  const [usage, standing, credits, statements, plans] = await Promise.all([
    namespace
      ? workspaceUsage(namespace).catch((error: unknown) => (error instanceof AppError ? error.userMessage : "unknown"))
      : ([] as KeyUsage[]),
    standingOf(w.id),
    listCredits(w.id),
    db().statement.findMany({
      where: { workspaceId: w.id },
      orderBy: { month: "desc" },
      take: 12,
      select: { id: true, month: true, totalMicros: true, issuedAt: true },
    }),
    listPlans(),
  ]);
  const planLimits = limitsByKey(w.plan);
  const effective = limitsByKey(effectiveLimits(w.plan, w.quotaOverride));
  const usedOf = (key: QuotaKey) => (typeof usage === "string" ? null : (usage.find((u) => u.key === key)?.used ?? 0));
  return {
    id: w.id,
    slug: w.slug,
    displayName: w.displayName,
    kind: w.kind,
    status: w.status,
    createdAt: w.createdAt,
    namespace,
    plan: { id: w.plan.id, name: w.plan.name },
    plans,
    quota: QUOTA_KEYS.map(({ key, field }) => ({
      key,
      plan: planLimits[key],
      override: w.quotaOverride?.[field] ?? null,
      effective: effective[key],
      used: usedOf(key),
    })),
    usageError: typeof usage === "string" ? usage : null,
    hasOverride: w.quotaOverride !== null,
    members: w.memberships.map((m) => ({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: m.role as Role,
      disabled: m.user.disabledAt !== null,
    })),
    balance: standing.balance,
    monthCost: standing.monthCost,
    billingHold: w.billingHold
      ? { reason: w.billingHold.reason, since: w.billingHold.since, suspendedAt: w.billingHold.suspendedAt }
      : null,
    operatorSuspension: w.operatorSuspension
      ? { reason: w.operatorSuspension.reason, since: w.operatorSuspension.since }
      : null,
    heldWorkloads: w._count.heldWorkloads,
    credits: credits.slice(0, 10),
    statements,
  };
}
