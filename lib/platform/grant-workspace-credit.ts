import { z } from "zod";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { grantCredit } from "@/lib/billing/credits";
import { parseMoney } from "@/lib/billing/parse-money";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// An operator grants a workspace credit from the console: the same ledger entry as
// `npm run billing:grant` (grantCredit), money parsed from the typed decimal straight to
// integer micro-units, a reason required. The form carries a key made when it was shown, so a
// retried or doubled submission adds the credit exactly once.

const MAX_GRANT_MICROS = 1_000_000n * 1_000_000n; // 1,000,000 of the currency

export const grantWorkspaceCreditInput = z.object({
  workspaceId: z.string().trim().min(1, "Choose a workspace.").max(64),
  amount: z
    .string()
    .trim()
    .transform((raw, ctx) => {
      const micros = parseMoney(raw);
      if (micros === null || micros <= 0n || micros > MAX_GRANT_MICROS) {
        ctx.addIssue({
          code: "custom",
          message: "Enter an amount above zero and at most 1,000,000, like 25 or 12.50 (at most 6 decimals).",
        });
        return z.NEVER;
      }
      return micros;
    }),
  reason: z
    .string()
    .trim()
    .min(5, "Say why, in at least 5 characters (the workspace's owners see it).")
    .max(200, "Keep the reason to 200 characters at most."),
  requestKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{8,64}$/, "This form has expired; reload the page and try again."),
});

export async function grantWorkspaceCredit(
  context: PlatformContext,
  input: z.output<typeof grantWorkspaceCreditInput>,
): Promise<{ entryId: string; created: boolean }> {
  const [workspace, admin] = await Promise.all([
    db().workspace.findFirst({ where: { id: input.workspaceId, deletedAt: null }, select: { id: true, slug: true } }),
    db().user.findUnique({ where: { id: context.actor.userId }, select: { email: true } }),
  ]);
  if (!workspace) throw AppError.notFound("That workspace");
  const result = await grantCredit(
    {
      workspaceSlug: workspace.slug,
      amountMicros: input.amount,
      kind: "GRANT",
      note: input.reason,
      grantedBy: `operator:${admin?.email ?? context.actor.userId}`,
      idempotencyKey: `console:${workspace.id}:${input.requestKey}`,
    },
    (tx, entry) =>
      recordPlatformAudit(
        {
          actor: context.actor,
          action: "platform.workspace.grantCredit",
          outcome: "SUCCESS",
          targetType: "workspace",
          targetId: workspace.id,
          details: {
            slug: workspace.slug,
            amountMicros: input.amount.toString(),
            reason: input.reason,
            entryId: entry.id,
          },
        },
        tx,
      ),
  );
  return { entryId: result.id, created: result.created };
}
