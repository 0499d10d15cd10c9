import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lockOperatorTarget } from "@/lib/platform/operator-target";
import { workspaceUsage } from "@/lib/platform/workspace-usage";
import { effectiveLimits, limitsByKey } from "@/lib/quotas/effective-limits";
import { formatQuotaAmount, quotaKeySpec } from "@/lib/quotas/quota-keys";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";

// An operator moves a workspace to another plan. The rule: a plan change that would put the
// workspace over its new quota is refused, naming each key it uses more of than the new plan
// (with the workspace's own override in place) allows; the operator frees it first, or sets an
// override. Usage is what the quota controller counted in the cluster. Rating picks the new
// plan's prices up from the next hour it rates; the namespace's quota, limits and allow-lists
// follow at once (provisionWorkspace).

export const changePlanInput = z.object({
  workspaceId: z.string().trim().min(1, "Choose a workspace.").max(64),
  planId: z.string().trim().min(1, "Choose a plan.").max(64, "Choose a plan from the list."),
});

export async function changeWorkspacePlan(
  context: PlatformContext,
  input: z.output<typeof changePlanInput>,
): Promise<{ from: string; to: string }> {
  const plan = await db().plan.findUnique({ where: { id: input.planId } });
  if (!plan) throw AppError.invalid("planId", "Choose a plan from the list.");
  const workspace = await db().workspace.findFirst({
    where: { id: input.workspaceId, deletedAt: null },
    select: { namespaces: { where: { environment: "default" }, select: { name: true } }, quotaOverride: true },
  });
  if (!workspace) throw AppError.notFound("That workspace");
  const namespace = workspace.namespaces[0]?.name;
  const usage = namespace ? await workspaceUsage(namespace) : [];
  const limits = limitsByKey(effectiveLimits(plan, workspace.quotaOverride));
  const over = usage.filter((u) => u.used > limits[u.key]);
  if (over.length) {
    const list = over
      .map(
        (u) =>
          `${quotaKeySpec(u.key).label}: uses ${formatQuotaAmount(u.key, u.used)}, ${plan.name} allows ${formatQuotaAmount(u.key, limits[u.key])}`,
      )
      .join("; ");
    throw AppError.invalid(
      "planId",
      `This workspace uses more than ${plan.name} allows (${list}). Free that up first, or set a quota override.`,
    );
  }
  const from = await db().$transaction(async (tx) => {
    const target = await lockOperatorTarget(tx, input.workspaceId);
    if (target.planId === plan.id) throw AppError.invalid("planId", `The workspace is already on ${plan.name}.`);
    await tx.workspace.update({ where: { id: target.id }, data: { planId: plan.id } });
    const details = { slug: target.slug, from: target.planId, to: plan.id };
    await recordAudit(
      { workspaceId: target.id, actor: context.actor, action: "workspace.changePlan", outcome: "SUCCESS", details },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.workspace.changePlan",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: target.id,
        details,
      },
      tx,
    );
    return target.planId;
  });
  try {
    await provisionWorkspace(input.workspaceId);
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      "The plan is changed, but the cluster did not take the new quota yet; the reconciler applies it within a minute.",
      { cause: error },
    );
  }
  return { from, to: plan.id };
}
