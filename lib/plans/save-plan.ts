import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";
import { formatQuotaAmount, quotaKeySpec } from "@/lib/quotas/quota-keys";
import { planColumns, type PlanInput } from "@/lib/plans/plan-input";
import { planImpact, type AffectedWorkspace, type PlanImpact } from "@/lib/plans/plan-impact";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";

const log = componentLogger("plans");
const REAPPLY_CONCURRENCY = 4;

// Creating and changing plans. The rule for a change that lowers a quota below what a
// workspace on the plan uses now: the change is REFUSED while any such workspace exists (the
// message names them and the keys); the operator waits until it shrinks, or gives it an
// override first. Once saved, every workspace on the plan is re-applied (provisionWorkspace)
// so its ResourceQuota and LimitRange follow; one the cluster does not confirm is left to the
// reconciler, which re-applies drifted workspaces on its next pass.

/** Container defaults no larger than the plan's limits (the LimitRange refuses default > max). */
function containerDefaults(columns: ReturnType<typeof planColumns>, current?: Prisma.PlanGetPayload<object>) {
  const cpu = Math.min(current?.defaultCpuMillis ?? 500, columns.cpuMillis);
  const memory = Math.min(current?.defaultMemoryMiB ?? 512, columns.memoryMiB);
  return {
    defaultCpuMillis: cpu,
    defaultMemoryMiB: memory,
    defaultCpuRequestMillis: Math.min(current?.defaultCpuRequestMillis ?? 100, cpu),
    defaultMemoryRequestMiB: Math.min(current?.defaultMemoryRequestMiB ?? 128, memory),
  };
}

function auditable(values: Record<string, unknown>): Prisma.InputJsonObject {
  return JSON.parse(JSON.stringify(values, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}

export function overQuotaMessage(over: AffectedWorkspace[]): string {
  const named = over
    .slice(0, 5)
    .map(
      (w) =>
        `${w.slug} (${w.over
          .map((o) => `${quotaKeySpec(o.key).label} uses ${formatQuotaAmount(o.key, o.used)}`)
          .join(", ")})`,
    );
  const more = over.length > 5 ? ` and ${over.length - 5} more` : "";
  return (
    `Not saved: ${over.length} workspace${over.length === 1 ? " uses" : "s use"} more than the new quota would allow: ` +
    `${named.join("; ")}${more}. Lower the quota once they use less, or give them an override first.`
  );
}

export async function createPlan(context: PlatformContext, input: PlanInput): Promise<{ id: string }> {
  const columns = planColumns(input);
  try {
    await db().$transaction(async (tx) => {
      await tx.plan.create({ data: { id: input.planId, ...columns, ...containerDefaults(columns) } });
      await recordPlatformAudit(
        {
          actor: context.actor,
          action: "platform.plan.create",
          outcome: "SUCCESS",
          targetType: "plan",
          targetId: input.planId,
          details: auditable(columns),
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw AppError.invalid("planId", "A plan with this id already exists; choose another id.");
    }
    throw error;
  }
  return { id: input.planId };
}

/** What saving would do, for the form's preview: the plan's workspaces and those over the new quota. */
export async function previewPlanChange(input: PlanInput): Promise<PlanImpact> {
  const current = await db().plan.findUnique({ where: { id: input.planId } });
  if (!current) throw AppError.notFound("That plan");
  return planImpact(input.planId, planColumns(input), current);
}

export interface PlanChangeResult {
  workspaces: number;
  reapplied: number;
  failed: number;
}

export async function updatePlan(context: PlatformContext, input: PlanInput): Promise<PlanChangeResult> {
  const columns = planColumns(input);
  const current = await db().plan.findUnique({ where: { id: input.planId } });
  if (!current) throw AppError.notFound("That plan");
  const impact = await planImpact(input.planId, columns, current);
  if (impact.overQuota.length > 0) throw new AppError("CONFLICT", overQuotaMessage(impact.overQuota));
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) {
    if (
      JSON.stringify(auditable({ value })) !==
      JSON.stringify(auditable({ value: current[key as keyof typeof current] }))
    ) {
      before[key] = current[key as keyof typeof current];
      after[key] = value;
    }
  }
  const workspaceIds = await db().$transaction(async (tx) => {
    await tx.plan.update({
      where: { id: input.planId },
      data: { ...columns, ...containerDefaults(columns, current) },
    });
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.plan.update",
        outcome: "SUCCESS",
        targetType: "plan",
        targetId: input.planId,
        details: auditable({ before, after, workspaces: impact.workspaces }),
      },
      tx,
    );
    const rows = await tx.workspace.findMany({
      where: { planId: input.planId, deletedAt: null },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  });
  // A few at a time: each apply is a handful of server-side applies under its own lock.
  let failed = 0;
  const queue = [...workspaceIds];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await provisionWorkspace(id);
      } catch (error) {
        failed++;
        log.error(
          { err: error, workspaceId: id, planId: input.planId },
          "re-applying after a plan change failed; the reconciler will retry",
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(REAPPLY_CONCURRENCY, workspaceIds.length) }, worker));
  return { workspaces: workspaceIds.length, reapplied: workspaceIds.length - failed, failed };
}
