import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { heldWorkloadNames } from "@/lib/billing/hold-workloads";
import { resumeWorkspace, suspendWorkspace } from "@/lib/billing/suspend-runtimes";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lockOperatorTarget } from "@/lib/platform/operator-target";

// An operator suspends or resumes a workspace through the billing hold's enforcement path
// (lib/billing/suspend-runtimes.ts): the namespace's hold label and zero-pod quota, then
// everything that runs stopped and remembered in held_workloads. The suspension is a row of
// its own (operator_suspensions), so billing's resume (credit returned) cannot lift it, and an
// operator's resume leaves a workspace that billing still suspends held.

export const suspendWorkspaceInput = z.object({
  workspaceId: z.string().trim().min(1, "Choose a workspace.").max(64),
  reason: z
    .string()
    .trim()
    .min(5, "Say why, in at least 5 characters (the workspace's owners read it in their audit log).")
    .max(500, "Keep the reason under 500 characters."),
});
export const resumeWorkspaceInput = z.object({ workspaceId: z.string().trim().min(1, "Choose a workspace.").max(64) });

export async function suspendWorkspaceByOperator(
  context: PlatformContext,
  input: z.output<typeof suspendWorkspaceInput>,
): Promise<{ stopped: string[] }> {
  await db().$transaction(async (tx) => {
    const target = await lockOperatorTarget(tx, input.workspaceId);
    const existing = await tx.operatorSuspension.findUnique({ where: { workspaceId: target.id } });
    if (existing) throw new AppError("CONFLICT", "An operator has already suspended this workspace.");
    await tx.operatorSuspension.create({
      data: { workspaceId: target.id, reason: input.reason, suspendedById: context.actor.userId },
    });
    const details = { slug: target.slug, reason: input.reason };
    await recordAudit(
      { workspaceId: target.id, actor: context.actor, action: "workspace.suspend", outcome: "SUCCESS", details },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.workspace.suspend",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: target.id,
        details,
      },
      tx,
    );
  });
  try {
    return { stopped: await suspendWorkspace(input.workspaceId) };
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      "The workspace is suspended, but the cluster did not confirm it yet; the reconciler keeps applying the hold. Check its runtimes in a minute.",
      { cause: error },
    );
  }
}

export async function resumeWorkspaceByOperator(
  context: PlatformContext,
  input: z.output<typeof resumeWorkspaceInput>,
): Promise<{ restored: string[]; billingSuspended: boolean }> {
  const billingSuspended = await db().$transaction(async (tx) => {
    const target = await lockOperatorTarget(tx, input.workspaceId);
    const suspension = await tx.operatorSuspension.findUnique({ where: { workspaceId: target.id } });
    if (!suspension) throw new AppError("CONFLICT", "No operator has suspended this workspace.");
    const hold = await tx.billingHold.findUnique({ where: { workspaceId: target.id } });
    await tx.operatorSuspension.delete({ where: { workspaceId: target.id } });
    const details = {
      slug: target.slug,
      suspendedSince: suspension.since.toISOString(),
      workloads: await heldWorkloadNames(target.id),
      billingSuspended: Boolean(hold?.suspendedAt),
    };
    await recordAudit(
      { workspaceId: target.id, actor: context.actor, action: "workspace.resume", outcome: "SUCCESS", details },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.workspace.resume",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: target.id,
        details,
      },
      tx,
    );
    return Boolean(hold?.suspendedAt);
  });
  try {
    return { restored: await resumeWorkspace(input.workspaceId), billingSuspended };
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      "The suspension is lifted, but the cluster did not confirm it yet; the worker finishes restoring the workloads on its next pass.",
      { cause: error },
    );
  }
}
