import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lockOperatorTarget } from "@/lib/platform/operator-target";
import { QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";
import { writeQuotaOverride } from "@/lib/quotas/grant-quota";
import { AMOUNTS_FIELD, amountFields, amountsOf, type QuotaAmounts } from "@/lib/quotas/quota-request-input";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";

// An operator sets the workspace's own limits in place of its plan's (the same override an
// approved quota-increase request writes), or clears them back to the plan. A blank key is the
// plan's limit. PostgreSQL first, with both audit events; then the ResourceQuota is applied
// before the answer returns (the reconciler applies it should the cluster not answer).

export const setQuotaOverrideInput = z
  .object({ workspaceId: z.string().trim().min(1, "Choose a workspace.").max(64), ...amountFields })
  .superRefine((input, ctx) => {
    for (const { key, label, max } of QUOTA_KEYS) {
      const amount = input[key];
      if (amount === null) continue;
      if (amount < 1) ctx.addIssue({ code: "custom", path: [key], message: `${label} must be above zero.` });
      if (amount > max)
        ctx.addIssue({ code: "custom", path: [key], message: `${label} can be at most the key's maximum.` });
    }
    if (QUOTA_KEYS.every(({ key }) => input[key] === null)) {
      ctx.addIssue({
        code: "custom",
        path: [AMOUNTS_FIELD],
        message: "Enter a limit for at least one key, or clear the override to use the plan's limits.",
      });
    }
  });
export const clearQuotaOverrideInput = z.object({
  workspaceId: z.string().trim().min(1, "Choose a workspace.").max(64),
});

async function applyNow(workspaceId: string): Promise<void> {
  try {
    await provisionWorkspace(workspaceId);
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      "The override is saved, but the cluster did not take it yet; the reconciler applies it within a minute.",
      { cause: error },
    );
  }
}

export async function setQuotaOverride(
  context: PlatformContext,
  input: z.output<typeof setQuotaOverrideInput>,
): Promise<{ limits: QuotaAmounts }> {
  const amounts = amountsOf(input);
  await db().$transaction(async (tx) => {
    const target = await lockOperatorTarget(tx, input.workspaceId);
    const before = await tx.workspaceQuotaOverride.findUnique({ where: { workspaceId: target.id } });
    // Keys left blank go back to the plan's limit; the rest are written as granted.
    const cleared = Object.fromEntries(
      QUOTA_KEYS.filter(({ key }) => amounts[key] === undefined).map(({ field }) => [field, null]),
    );
    await tx.workspaceQuotaOverride.upsert({
      where: { workspaceId: target.id },
      create: { workspaceId: target.id },
      update: cleared,
    });
    await writeQuotaOverride(tx, target.id, amounts);
    const previous = before
      ? Object.fromEntries(QUOTA_KEYS.map(({ key, field }) => [key, before[field]] as [QuotaKey, number | null]))
      : null;
    const details = { slug: target.slug, limits: amounts, previous };
    await recordAudit(
      { workspaceId: target.id, actor: context.actor, action: "quota.override", outcome: "SUCCESS", details },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.workspace.quotaOverride",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: target.id,
        details,
      },
      tx,
    );
  });
  await applyNow(input.workspaceId);
  return { limits: amounts };
}

export async function clearQuotaOverride(
  context: PlatformContext,
  input: z.output<typeof clearQuotaOverrideInput>,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const target = await lockOperatorTarget(tx, input.workspaceId);
    const removed = await tx.workspaceQuotaOverride.deleteMany({ where: { workspaceId: target.id } });
    if (removed.count === 0)
      throw new AppError("CONFLICT", "This workspace has no override; it already uses its plan's limits.");
    const details = { slug: target.slug };
    await recordAudit(
      { workspaceId: target.id, actor: context.actor, action: "quota.overrideClear", outcome: "SUCCESS", details },
      tx,
    );
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.workspace.quotaOverrideClear",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: target.id,
        details,
      },
      tx,
    );
  });
  await applyNow(input.workspaceId);
}
