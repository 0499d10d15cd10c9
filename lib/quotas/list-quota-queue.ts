import type { PlatformContext } from "@/lib/authz/context";
import { standings } from "@/lib/billing/standing";
import { db } from "@/lib/db/client";
import { AUTO_APPROVE_FACTOR } from "@/lib/quotas/auto-approve";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import type { QuotaKey } from "@/lib/quotas/quota-keys";
import { orderedLines, type QuotaRequestView } from "@/lib/quotas/list-quota-requests";

// The operators' queue: every pending request, oldest first, with what an operator weighs
// (the workspace's plan, its limits now, its balance, who asked and why), and the latest
// decisions below it. The caller has authorized the operator (platform.read).

export interface QueuedQuotaRequest extends QuotaRequestView {
  requesterEmail: string | null;
  decidedBy: string | null;
  workspace: { id: string; slug: string; displayName: string; planName: string };
  current: Record<QuotaKey, number>;
  plan: Record<QuotaKey, number>;
  /** Micro-units, as a decimal string (bigint does not cross to the client). */
  balanceMicros: string;
}

export interface QuotaQueue {
  pending: QueuedQuotaRequest[];
  decided: QueuedQuotaRequest[];
  autoApproveFactor: number;
}

const SELECT = {
  id: true,
  state: true,
  justification: true,
  decisionReason: true,
  createdAt: true,
  decidedAt: true,
  requestedBy: { select: { name: true, email: true } },
  decidedBy: { select: { name: true, email: true } },
  lines: { select: { key: true, requested: true, granted: true } },
  workspace: {
    select: { id: true, slug: true, displayName: true, plan: true, quotaOverride: true },
  },
} as const;

export async function listQuotaQueue(
  _operator: PlatformContext,
  options: { decided?: number } = {},
): Promise<QuotaQueue> {
  const [pending, decided] = await Promise.all([
    db().quotaIncreaseRequest.findMany({
      where: { state: "PENDING", workspace: { deletedAt: null } },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: SELECT,
    }),
    db().quotaIncreaseRequest.findMany({
      where: { state: { not: "PENDING" } },
      orderBy: [{ decidedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      take: options.decided ?? 20,
      select: SELECT,
    }),
  ]);
  const balances = await standings(new Date(), [...new Set(pending.map((request) => request.workspace.id))]);
  const view = (request: (typeof pending)[number]): QueuedQuotaRequest => ({
    id: request.id,
    state: request.state,
    justification: request.justification,
    decisionReason: request.decisionReason,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
    requestedBy: request.requestedBy?.name ?? request.requestedBy?.email ?? null,
    requesterEmail: request.requestedBy?.email ?? null,
    decidedBy: request.decidedBy?.name ?? request.decidedBy?.email ?? null,
    lines: orderedLines(request.lines),
    workspace: {
      id: request.workspace.id,
      slug: request.workspace.slug,
      displayName: request.workspace.displayName,
      planName: request.workspace.plan.name,
    },
    current: limitsByKey(effectiveLimits(request.workspace.plan, request.workspace.quotaOverride)),
    plan: limitsByKey(request.workspace.plan),
    balanceMicros: String(balances.get(request.workspace.id)?.balance ?? 0n),
  });
  return { pending: pending.map(view), decided: decided.map(view), autoApproveFactor: AUTO_APPROVE_FACTOR };
}
