import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { standingOf } from "@/lib/billing/standing";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";
import { autoApprovalRefusal, AUTO_APPROVE_FACTOR } from "@/lib/quotas/auto-approve";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import { writeGrantedLines, writeQuotaOverride } from "@/lib/quotas/grant-quota";
import { formatQuotaAmount, quotaKeySpec, type QuotaKey } from "@/lib/quotas/quota-keys";
import { amountsOf, type requestQuotaIncreaseInput } from "@/lib/quotas/quota-request-input";
import { tellOperators, tellRequester } from "@/lib/quotas/quota-request-notices";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import type { z } from "zod";

// A workspace admin or owner asks for higher limits with a justification. Each amount must be
// above the workspace's current limit; one request waits at a time. A request within the
// auto-approval rule (auto-approve.ts) is granted at once; the cluster follows before this
// returns. Every step is audited in the workspace's log and mailed to the requester.

const log = componentLogger("quota-requests");

export type QuotaRequestOutcome = { id: string; state: "PENDING" | "AUTO_APPROVED" };

export async function requestQuotaIncrease(
  context: WorkspaceContext,
  input: z.output<typeof requestQuotaIncreaseInput>,
): Promise<QuotaRequestOutcome> {
  if (!can(context.membership.role, "quota.request")) throw AppError.forbidden();
  const workspaceId = context.workspace.id;
  const asked = amountsOf(input);
  const standing = await standingOf(workspaceId);

  const outcome = await db().$transaction(async (tx) => {
    // One request at a time per workspace: concurrent submissions queue on the workspace row.
    await tx.$executeRaw`SELECT id FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`;
    const pending = await tx.quotaIncreaseRequest.findFirst({
      where: { workspaceId, state: "PENDING" },
      select: { id: true },
    });
    if (pending) {
      throw new AppError(
        "CONFLICT",
        "This workspace already has a quota request waiting for a decision. Wait for it before asking again.",
      );
    }
    const workspace = await tx.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { plan: true, quotaOverride: true, billingHold: { select: { reason: true } } },
    });
    const current = limitsByKey(effectiveLimits(workspace.plan, workspace.quotaOverride));
    const fieldErrors: FieldErrors = {};
    for (const [key, amount] of Object.entries(asked) as [QuotaKey, number][]) {
      if (amount <= current[key]) {
        const { label } = quotaKeySpec(key);
        fieldErrors[key] = [`${label} must be more than the current limit of ${formatQuotaAmount(key, current[key])}.`];
      }
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fieldErrors });
    }

    const refusal = autoApprovalRefusal({
      asked,
      plan: limitsByKey(workspace.plan),
      balance: standing.balance,
      held: workspace.billingHold !== null,
    });
    const auto = refusal === null;
    const request = await tx.quotaIncreaseRequest.create({
      data: {
        workspaceId,
        requestedById: context.actor.userId,
        justification: input.justification,
        state: auto ? "AUTO_APPROVED" : "PENDING",
        decidedAt: auto ? new Date() : null,
        decisionReason: auto ? `Within ${AUTO_APPROVE_FACTOR}× the plan while the balance is positive.` : null,
        lines: {
          create: (Object.entries(asked) as [QuotaKey, number][]).map(([key, requested]) => ({ key, requested })),
        },
      },
      select: { id: true },
    });
    const audit = { workspaceId, targetType: "quotaRequest", targetId: request.id } as const;
    await recordAudit(
      {
        ...audit,
        actor: context.actor,
        action: "quota.request",
        outcome: "SUCCESS",
        details: { requested: asked, justification: input.justification },
      },
      tx,
    );
    if (auto) {
      await writeGrantedLines(tx, request.id, asked);
      await writeQuotaOverride(tx, workspaceId, asked);
      // The rule decided, not a person: no actor.
      await recordAudit(
        { ...audit, actor: null, action: "quota.autoApprove", outcome: "SUCCESS", details: { granted: asked } },
        tx,
      );
    } else {
      log.info({ workspaceId, requestId: request.id, reason: refusal }, "quota request waits for an operator");
    }
    return { id: request.id, state: auto ? ("AUTO_APPROVED" as const) : ("PENDING" as const) };
  });

  await tellRequester(outcome.id, "requested");
  if (outcome.state === "AUTO_APPROVED") {
    await applyToCluster(workspaceId);
    await tellRequester(outcome.id, "auto-approved");
  } else {
    await tellOperators(outcome.id);
  }
  return outcome;
}

/**
 * Applies the workspace's quota now. Should the cluster not answer, the decision stands and
 * the reconciler applies it on its next pass (within a minute).
 */
export async function applyToCluster(workspaceId: string): Promise<boolean> {
  try {
    await provisionWorkspace(workspaceId);
    return true;
  } catch (error) {
    log.error({ err: error, workspaceId }, "applying the new quota failed; the reconciler will retry");
    return false;
  }
}
