import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { formatMoney } from "@/lib/billing/money";
import { notifyBudgetAlerts } from "@/lib/billing/budget-alerts";
import { ensureSignupCredits } from "@/lib/billing/credits";
import { standingOf, standings, type Standing } from "@/lib/billing/standing";
import { heldWorkloadNames } from "@/lib/billing/hold-workloads";
import { keepSuspended, resumeWorkspace, suspendWorkspace, unfinishedResumes } from "@/lib/billing/suspend-runtimes";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("billing");

// Enforcement. A workspace whose balance is zero or less, or whose month has reached a hard
// budget, may not start runtimes (assertWorkspaceCanStartRuntimes, called before a runtime is
// created or started). The worker's pass puts it on hold; after the grace period it is
// suspended in the cluster: nothing may start there and everything that runs is stopped
// (lib/billing/suspend-runtimes.ts), again on every pass while the hold lasts. When credit
// returns (or the budget allows) it resumes, exactly as it ran before. No data is ever
// deleted for lack of credit.

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
  /** Suspended workspaces where something ran again (the hold was tampered with) and was stopped. */
  restopped: string[];
  resumed: string[];
  alerts: number;
}

/** One enforcement pass over the named workspaces (or all live ones). */
export async function enforcementPass(
  now: Date,
  options: { graceMinutes: number; workspaceIds?: string[] },
): Promise<EnforcementResult> {
  const result: EnforcementResult = { held: [], suspended: [], restopped: [], resumed: [], alerts: 0 };
  const attempted = new Set<string>();
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
        // Marked first: the hold's label and quota are rendered from it, by this pass and by
        // every later provisioning (the reconciler's, a kubeconfig's) alike.
        await db().$transaction(async (tx) => {
          await tx.billingHold.update({ where: { workspaceId }, data: { suspendedAt: now, reason: standing.hold! } });
          await recordAudit(
            {
              workspaceId,
              actor: null,
              action: "billing.suspend",
              outcome: "SUCCESS",
              details: { reason: standing.hold!, ...details },
            },
            tx,
          );
        });
        const stopped = await suspendWorkspace(workspaceId);
        if (stopped.length) log.info({ workspaceId, stopped }, "suspended workspace");
        result.suspended.push(workspaceId);
      } else if (standing.hold && current?.suspendedAt) {
        const stopped = await keepSuspended(workspaceId);
        if (stopped.length) {
          log.warn({ workspaceId, stopped }, "suspended workspace ran workloads; stopped them again");
          result.restopped.push(workspaceId);
        }
      } else if (!standing.hold && hold) {
        // What the suspension stopped is known before it is restored, so the audit names it.
        const workloads = hold.suspendedAt ? await heldWorkloadNames(workspaceId) : [];
        await db().$transaction(async (tx) => {
          await tx.billingHold.delete({ where: { workspaceId } });
          await recordAudit(
            {
              workspaceId,
              actor: null,
              action: hold.suspendedAt ? "billing.resume" : "billing.release",
              outcome: "SUCCESS",
              details: { workloads, ...details },
            },
            tx,
          );
        });
        if (hold.suspendedAt) {
          attempted.add(workspaceId);
          await resumeWorkspace(workspaceId);
          result.resumed.push(workspaceId);
        }
      }
    } catch (error) {
      log.error({ err: error, workspaceId }, "enforcement failed; retrying next pass");
    }
  }
  // A resumption interrupted after its hold was lifted is finished here.
  for (const workspaceId of await unfinishedResumes(options.workspaceIds)) {
    if (attempted.has(workspaceId)) continue;
    try {
      await resumeWorkspace(workspaceId);
    } catch (error) {
      log.error({ err: error, workspaceId }, "resuming the workspace failed; retrying next pass");
    }
  }
  return result;
}
