import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { AUTO_APPROVE_FACTOR } from "@/lib/quotas/auto-approve";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import { QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";

// What the workspace's quota page shows: its limits now and the plan's, what the rule
// approves on its own, and the workspace's requests, newest first. Every member may read them.

export type QuotaRequestState = "PENDING" | "APPROVED" | "DENIED" | "AUTO_APPROVED";

export interface QuotaRequestLineView {
  key: QuotaKey;
  requested: number;
  granted: number | null;
}

export interface QuotaRequestView {
  id: string;
  state: QuotaRequestState;
  justification: string;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  requestedBy: string | null;
  lines: QuotaRequestLineView[];
}

export interface WorkspaceQuotaRequests {
  current: Record<QuotaKey, number>;
  plan: Record<QuotaKey, number>;
  autoApproveFactor: number;
  requests: QuotaRequestView[];
}

const ORDER = QUOTA_KEYS.map((spec) => spec.key as string);

export function orderedLines(lines: { key: string; requested: number; granted: number | null }[]) {
  return lines
    .filter((line) => ORDER.includes(line.key))
    .sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key)) as QuotaRequestLineView[];
}

export async function listWorkspaceQuotaRequests(context: WorkspaceContext): Promise<WorkspaceQuotaRequests> {
  if (!can(context.membership.role, "quota.read")) throw AppError.forbidden();
  const workspaceId = context.workspace.id;
  const [workspace, requests] = await Promise.all([
    db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { plan: true, quotaOverride: true } }),
    db().quotaIncreaseRequest.findMany({
      where: { workspaceId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        state: true,
        justification: true,
        decisionReason: true,
        createdAt: true,
        decidedAt: true,
        requestedBy: { select: { name: true, email: true } },
        lines: { select: { key: true, requested: true, granted: true } },
      },
    }),
  ]);
  return {
    current: limitsByKey(effectiveLimits(workspace.plan, workspace.quotaOverride)),
    plan: limitsByKey(workspace.plan),
    autoApproveFactor: AUTO_APPROVE_FACTOR,
    requests: requests.map((request) => ({
      id: request.id,
      state: request.state,
      justification: request.justification,
      decisionReason: request.decisionReason,
      createdAt: request.createdAt,
      decidedAt: request.decidedAt,
      requestedBy: request.requestedBy?.name ?? request.requestedBy?.email ?? null,
      lines: orderedLines(request.lines),
    })),
  };
}
