import type { z } from "zod";
import type { PlatformContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import { writeGrantedLines, writeQuotaOverride } from "@/lib/quotas/grant-quota";
import { formatQuotaAmount, isQuotaKey, quotaKeySpec, type QuotaKey } from "@/lib/quotas/quota-keys";
import {
  amountsOf,
  type approveQuotaRequestInput,
  type denyQuotaRequestInput,
  type QuotaAmounts,
} from "@/lib/quotas/quota-request-input";
import { tellRequester } from "@/lib/quotas/quota-request-notices";
import { applyToCluster } from "@/lib/quotas/request-quota-increase";

// A platform operator decides a pending request: approve (the amounts asked, or changed
// ones) or deny with a reason. The state moves from PENDING exactly once: the update is
// conditional on it, so of two concurrent decisions one applies and the other is told the
// request was already decided. Approval writes the workspace's quota override and applies
// it on the cluster before returning. The caller has authorized the operator
// (platform.quotaRequests.decide); each decision is in the workspace's audit log and the
// platform's.

export interface DecisionOutcome {
  id: string;
  state: "APPROVED" | "DENIED";
  /** False when the cluster did not answer: the reconciler applies the quota shortly. */
  applied: boolean;
  workspaceId: string;
}

const ALREADY_DECIDED = "This request was already decided.";

async function claimPending(
  tx: Prisma.TransactionClient,
  requestId: string,
  data: Prisma.QuotaIncreaseRequestUpdateManyMutationInput & { decidedById: string },
): Promise<void> {
  const { count } = await tx.quotaIncreaseRequest.updateMany({ where: { id: requestId, state: "PENDING" }, data });
  if (count === 0) throw new AppError("CONFLICT", ALREADY_DECIDED);
}

async function findRequest(tx: Prisma.TransactionClient, requestId: string) {
  const request = await tx.quotaIncreaseRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      state: true,
      workspaceId: true,
      lines: { select: { key: true, requested: true } },
      workspace: { select: { deletedAt: true, plan: true, quotaOverride: true } },
    },
  });
  if (!request || request.workspace.deletedAt) throw AppError.notFound("Quota request");
  if (request.state !== "PENDING") throw new AppError("CONFLICT", ALREADY_DECIDED);
  return request;
}

export async function approveQuotaRequest(
  operator: PlatformContext,
  input: z.output<typeof approveQuotaRequestInput>,
): Promise<DecisionOutcome> {
  const changed = amountsOf(input);
  const workspaceId = await db().$transaction(async (tx) => {
    const request = await findRequest(tx, input.requestId);
    const current = limitsByKey(effectiveLimits(request.workspace.plan, request.workspace.quotaOverride));
    const asked = new Set(request.lines.map((line) => line.key));
    const granted: QuotaAmounts = {};
    const fieldErrors: FieldErrors = {};
    for (const key of Object.keys(changed) as QuotaKey[]) {
      if (!asked.has(key)) fieldErrors[key] = [`${quotaKeySpec(key).label} was not asked for in this request.`];
    }
    for (const line of request.lines) {
      if (!isQuotaKey(line.key)) continue;
      const amount = changed[line.key] ?? line.requested;
      if (amount <= current[line.key]) {
        fieldErrors[line.key] = [
          `${quotaKeySpec(line.key).label} must be more than the current limit of ${formatQuotaAmount(line.key, current[line.key])}; to grant nothing, deny the request.`,
        ];
      }
      granted[line.key] = amount;
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fieldErrors });
    }
    await claimPending(tx, request.id, {
      state: "APPROVED",
      decidedById: operator.actor.userId,
      decidedAt: new Date(),
      decisionReason: input.reason || null,
    });
    await writeGrantedLines(tx, request.id, granted);
    await writeQuotaOverride(tx, request.workspaceId, granted);
    await recordAudit(
      {
        workspaceId: request.workspaceId,
        actor: operator.actor,
        action: "quota.approve",
        outcome: "SUCCESS",
        targetType: "quotaRequest",
        targetId: request.id,
        details: { granted, ...(input.reason ? { reason: input.reason } : {}) },
      },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: operator.actor,
        action: "platform.quotaRequest.approve",
        outcome: "SUCCESS",
        targetType: "quotaRequest",
        targetId: request.id,
        details: { workspaceId: request.workspaceId, granted, ...(input.reason ? { reason: input.reason } : {}) },
      },
      tx,
    );
    return request.workspaceId;
  });
  const applied = await applyToCluster(workspaceId);
  await tellRequester(input.requestId, "approved");
  return { id: input.requestId, state: "APPROVED", applied, workspaceId };
}

export async function denyQuotaRequest(
  operator: PlatformContext,
  input: z.output<typeof denyQuotaRequestInput>,
): Promise<DecisionOutcome> {
  const workspaceId = await db().$transaction(async (tx) => {
    const request = await findRequest(tx, input.requestId);
    await claimPending(tx, request.id, {
      state: "DENIED",
      decidedById: operator.actor.userId,
      decidedAt: new Date(),
      decisionReason: input.reason,
    });
    await recordAudit(
      {
        workspaceId: request.workspaceId,
        actor: operator.actor,
        action: "quota.deny",
        outcome: "SUCCESS",
        targetType: "quotaRequest",
        targetId: request.id,
        details: { reason: input.reason },
      },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: operator.actor,
        action: "platform.quotaRequest.deny",
        outcome: "SUCCESS",
        targetType: "quotaRequest",
        targetId: request.id,
        details: { workspaceId: request.workspaceId, reason: input.reason },
      },
      tx,
    );
    return request.workspaceId;
  });
  await tellRequester(input.requestId, "denied");
  return { id: input.requestId, state: "DENIED", applied: false, workspaceId };
}
