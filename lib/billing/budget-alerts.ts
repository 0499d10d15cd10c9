import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { sendMail } from "@/lib/mail/send-mail";
import { formatMoney } from "@/lib/billing/money";
import type { Standing } from "@/lib/billing/standing";
import { notify } from "@/lib/notifications/notify";
import { monthStart } from "@/lib/time/utc";

// Budget alerts at 50, 80 and 100 percent of the monthly budget: each fires once per month
// (the alert row's key), shows in the app (on the billing page, and as a notification to the
// owners keyed by workspace, month and threshold), is audited, and is mailed to the owners
// (through SMTP when configured; otherwise it lands in the development outbox).

export const BUDGET_THRESHOLDS = [50, 80, 100] as const;

/** Thresholds reached by `cost` against `limit`, in percent. */
export function reachedThresholds(cost: bigint, limit: bigint): number[] {
  if (limit <= 0n) return [];
  return BUDGET_THRESHOLDS.filter((t) => cost * 100n >= limit * BigInt(t));
}

export async function notifyBudgetAlerts(standing: Standing, now: Date): Promise<number> {
  if (!standing.budget) return 0;
  const month = monthStart(now);
  let sent = 0;
  for (const threshold of reachedThresholds(standing.monthCost, standing.budget.limitMicros)) {
    const inserted = await db().$queryRaw<{ threshold: number }[]>`
      INSERT INTO budget_alerts (workspace_id, month, threshold, cost_micros, budget_micros)
      VALUES (${standing.workspaceId}, ${month}, ${threshold}, ${standing.monthCost}, ${standing.budget.limitMicros})
      ON CONFLICT DO NOTHING RETURNING threshold`;
    if (inserted.length === 0) continue; // already alerted (possibly by another worker)
    sent++;
    await recordAudit({
      workspaceId: standing.workspaceId,
      actor: null,
      action: "billing.budgetAlert",
      outcome: "SUCCESS",
      details: {
        threshold,
        costMicros: standing.monthCost.toString(),
        budgetMicros: standing.budget.limitMicros.toString(),
      },
    });
    const workspace = await db().workspace.findUnique({
      where: { id: standing.workspaceId },
      select: {
        displayName: true,
        slug: true,
        memberships: { where: { role: "OWNER" }, select: { user: { select: { id: true, email: true } } } },
      },
    });
    if (workspace) await notifyBudgetAlert(standing, workspace, month, threshold);
    for (const { user } of workspace?.memberships ?? []) {
      if (!user.email) continue;
      await sendMail({
        to: user.email,
        subject: `${workspace!.displayName}: ${threshold}% of the monthly budget used`,
        text:
          `The workspace ${workspace!.displayName} (${workspace!.slug}) has used ${formatMoney(standing.monthCost)} ` +
          `this month, ${threshold}% of its budget of ${formatMoney(standing.budget.limitMicros)}.` +
          (standing.budget.hardLimit && threshold >= 100
            ? " The budget is a hard limit: new runtimes are refused and running ones will be suspended."
            : ""),
      });
    }
  }
  return sent;
}

async function notifyBudgetAlert(
  standing: Standing,
  workspace: { displayName: string; slug: string; memberships: { user: { id: string } }[] },
  month: Date,
  threshold: number,
): Promise<void> {
  await notify(
    workspace.memberships.map((m) => m.user.id),
    {
      kind: "BUDGET",
      key: `budget:${standing.workspaceId}:${month.toISOString().slice(0, 7)}:${threshold}`,
      workspaceId: standing.workspaceId,
      title: `${workspace.displayName}: ${threshold}% of the monthly budget used`,
      body: `${formatMoney(standing.monthCost)} of ${formatMoney(standing.budget!.limitMicros)} this month.`,
      href: `/w/${workspace.slug}/billing`,
    },
  );
}
