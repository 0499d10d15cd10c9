import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { formatMoney } from "@/lib/billing/money";
import { notifyBudgetAlerts } from "@/lib/billing/budget-alerts";
import { ensureSignupCredits } from "@/lib/billing/credits";
import { standingOf, standings, type Standing } from "@/lib/billing/standing";
import { resumeRuntimes, suspendRuntimes } from "@/lib/billing/suspend-runtimes";

// Enforcement. A workspace whose balance is zero or less, or whose month has reached a hard
// budget, may not start runtimes (assertWorkspaceCanStartRuntimes, called before a runtime is
// created or started). The worker's pass puts it on hold; after the grace period its running
// runtimes are scaled to zero; when credit returns (or the budget allows) they resume. No
// data is ever deleted for lack of credit.

export function refusalMessage(standing: Standing): string {
  if (standing.hold === "BALANCE") {
    return `This workspace has no credit left (balance ${formatMoney(standing.balance)}), so new runtimes cannot start. Ask the operator for credit.`;
  }
  return `This workspace has reached its hard monthly budget of ${formatMoney(standing.budget?.limitMicros ?? 0n)} (spent ${formatMoney(standing.monthCost)}), so new runtimes cannot start. An owner can raise the budget on the Billing page.`;
}

/** Throws LIMIT_REACHED when the workspace may not start a runtime now. */
export async function assertWorkspaceCanStartRuntimes(workspaceId: string, now: Date = new Date()): Promise<void> {
  const standing = await standingOf(workspaceId, now);
  if (standing.hold) throw new AppError("LIMIT_REACHED", refusalMessage(standing));
}

export interface EnforcementResult {
  held: string[];
  suspended: string[];
  resumed: string[];
  alerts: number;
}

async function namespacesOf(workspaceId: string): Promise<string[]> {
  const rows = await db().workspaceNamespace.findMany({ where: { workspaceId }, select: { name: true } });
  return rows.map((r) => r.name);
}

/** One enforcement pass over the named workspaces (or all live ones). */
export async function enforcementPass(
  now: Date,
  options: { graceMinutes: number; workspaceIds?: string[] },
): Promise<EnforcementResult> {
  const result: EnforcementResult = { held: [], suspended: [], resumed: [], alerts: 0 };
  // Reads count a missing sign-up credit; the pass writes it, once, into the ledger.
  await ensureSignupCredits(options.workspaceIds);
  const all = await standings(now, options.workspaceIds);
  const holds = new Map(
    (await db().billingHold.findMany({ where: { workspaceId: { in: [...all.keys()] } } })).map(
      (h) => [h.workspaceId, h] as const,
    ),
  );
  for (const standing of all.values()) {
    const workspaceId = standing.workspaceId;
    try {
      result.alerts += await notifyBudgetAlerts(standing, now);
      const hold = holds.get(workspaceId);
      const details = {
        balanceMicros: standing.balance.toString(),
        monthCostMicros: standing.monthCost.toString(),
      };
      if (standing.hold && !hold) {
        await db().$transaction(async (tx) => {
          await tx.billingHold.create({ data: { workspaceId, reason: standing.hold!, since: now } });
          await recordAudit(
            {
              workspaceId,
              actor: null,
              action: "billing.hold",
              outcome: "SUCCESS",
              details: { reason: standing.hold!, ...details },
            },
            tx,
          );
        });
        result.held.push(workspaceId);
        if (options.graceMinutes > 0) continue;
      }
      const current = hold ?? (standing.hold ? { since: now, suspendedAt: null } : null);
      if (standing.hold && current && !current.suspendedAt) {
        if (now.getTime() - current.since.getTime() < options.graceMinutes * 60_000) continue;
        const scaled: string[] = [];
        for (const namespace of await namespacesOf(workspaceId)) scaled.push(...(await suspendRuntimes(namespace)));
        await db().$transaction(async (tx) => {
          await tx.billingHold.update({ where: { workspaceId }, data: { suspendedAt: now, reason: standing.hold! } });
          await recordAudit(
            {
              workspaceId,
              actor: null,
              action: "billing.suspend",
              outcome: "SUCCESS",
              details: { reason: standing.hold!, deployments: scaled, ...details },
            },
            tx,
          );
        });
        result.suspended.push(workspaceId);
      } else if (!standing.hold && hold) {
        const resumed: string[] = [];
        if (hold.suspendedAt) {
          for (const namespace of await namespacesOf(workspaceId)) resumed.push(...(await resumeRuntimes(namespace)));
        }
        await db().$transaction(async (tx) => {
          await tx.billingHold.delete({ where: { workspaceId } });
          await recordAudit(
            {
              workspaceId,
              actor: null,
              action: hold.suspendedAt ? "billing.resume" : "billing.release",
              outcome: "SUCCESS",
              details: { deployments: resumed, ...details },
            },
            tx,
          );
        });
        if (hold.suspendedAt) result.resumed.push(workspaceId);
      }
    } catch (error) {
      console.error(`[billing] enforcement for workspace ${workspaceId} failed; retrying next pass`, error);
    }
  }
  return result;
}
