import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { parseMoney } from "@/lib/billing/parse-money";

// An owner's monthly budget: alerts at 50, 80 and 100 percent; with a hard limit, reaching
// it refuses new runtimes and, after the grace period, suspends running ones.

export const setBudgetInput = z.object({
  amount: z
    .string()
    .trim()
    .min(1, "Enter a monthly amount.")
    .transform((value, ctx) => {
      const micros = parseMoney(value);
      if (micros === null || micros <= 0n) {
        ctx.addIssue({ code: "custom", message: "Enter an amount above zero, like 25 or 12.50." });
        return z.NEVER;
      }
      return micros;
    }),
  hardLimit: z
    .union([z.literal("on"), z.literal("true"), z.literal(""), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

export async function setBudget(
  context: WorkspaceContext,
  input: z.output<typeof setBudgetInput>,
): Promise<{ limitMicros: string; hardLimit: boolean }> {
  const workspaceId = context.workspace.id;
  await db().$transaction(async (tx) => {
    await tx.budget.upsert({
      where: { workspaceId },
      create: {
        workspaceId,
        monthlyLimitMicros: input.amount,
        hardLimit: input.hardLimit,
        updatedById: context.actor.userId,
      },
      update: { monthlyLimitMicros: input.amount, hardLimit: input.hardLimit, updatedById: context.actor.userId },
    });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "billing.setBudget",
        outcome: "SUCCESS",
        targetType: "budget",
        targetId: workspaceId,
        details: { limitMicros: input.amount.toString(), hardLimit: input.hardLimit },
      },
      tx,
    );
  });
  return { limitMicros: input.amount.toString(), hardLimit: input.hardLimit };
}

export const removeBudgetInput = z.object({});

export async function removeBudget(context: WorkspaceContext): Promise<null> {
  const workspaceId = context.workspace.id;
  await db().$transaction(async (tx) => {
    const removed = await tx.budget.deleteMany({ where: { workspaceId } });
    if (removed.count > 0) {
      await recordAudit(
        {
          workspaceId,
          actor: context.actor,
          action: "billing.removeBudget",
          outcome: "SUCCESS",
          targetType: "budget",
          targetId: workspaceId,
        },
        tx,
      );
    }
  });
  return null;
}
