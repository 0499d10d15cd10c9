import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";
import { effectiveLimits } from "@/lib/quotas/effective-limits";
import { QUOTA_KEYS, formatQuotaAmount, parseQuotaInput } from "@/lib/quotas/quota-keys";
import { lockProvisioning, provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { DEFAULT_ENVIRONMENT, environmentRefSchema } from "@/lib/environments/environment-name";
import { environmentUsage } from "@/lib/environments/environment-usage";
import {
  SLICE_COLUMN,
  SLICE_SELECT,
  emptySlice,
  overcommittedKeys,
  slicesOf,
  type Slice,
} from "@/lib/environments/quota-slices";

// Moving quota from one environment to another: one guarded action, previewed first with
// the same code. The split is read, checked and written in one transaction under the
// workspace's lock (the one provisioning takes), so two moves at once run one after the
// other and the second sees the first: the slices never add up to more than the workspace's
// limit, and no environment is left below what its workloads already hold.

const log = componentLogger("environments");

const amount = z.string().trim().max(20).optional().default("");

export const moveQuotaInput = z.object({
  from: environmentRefSchema,
  to: environmentRefSchema,
  cpu: amount,
  memory: amount,
  storage: amount,
  pods: amount,
  volumes: amount,
  services: amount,
});
export type MoveQuotaInput = z.output<typeof moveQuotaInput>;

export interface EnvironmentSplit {
  environment: string;
  displayName: string;
  before: Slice;
  after: Slice;
  used: Slice;
}

export interface QuotaMovePreview {
  moved: Slice;
  environments: EnvironmentSplit[];
}

type Tx = Prisma.TransactionClient;

/** The amounts asked for, in plan units; blank or 0 moves nothing of that key. */
function parseAmounts(input: MoveQuotaInput): Slice {
  const moved = emptySlice();
  const errors: FieldErrors = {};
  for (const { key } of QUOTA_KEYS) {
    const raw = input[key];
    if (raw === "" || /^0+(\.0*)?$/.test(raw)) continue;
    const parsed = parseQuotaInput(key, raw);
    if ("error" in parsed) errors[key] = [parsed.error];
    else moved[key] = parsed.amount;
  }
  if (Object.keys(errors).length)
    throw new AppError("INVALID_INPUT", "Check the amounts to move.", { fieldErrors: errors });
  if (input.from === input.to) throw AppError.invalid("to", "Choose a different environment to move quota to.");
  if (QUOTA_KEYS.every(({ key }) => moved[key] === 0)) {
    throw AppError.invalid("cpu", "Enter an amount of at least one resource to move.");
  }
  return moved;
}

/** Works out the move inside `tx` (which holds the workspace's lock); throws field errors when it does not fit. */
async function planMove(tx: Tx, context: WorkspaceContext, input: MoveQuotaInput): Promise<QuotaMovePreview> {
  const moved = parseAmounts(input);
  const workspace = await tx.workspace.findFirst({
    where: { id: context.workspace.id, deletedAt: null },
    select: {
      plan: true,
      quotaOverride: true,
      namespaces: {
        select: { environment: true, displayName: true, name: true, ...SLICE_SELECT },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!workspace) throw AppError.notFound("Workspace");
  const byName = new Map(workspace.namespaces.map((n) => [n.environment, n]));
  const source = byName.get(input.from);
  const target = byName.get(input.to);
  if (!source) throw AppError.invalid("from", "No such environment in this workspace.");
  if (!target) throw AppError.invalid("to", "No such environment in this workspace.");

  const limits = effectiveLimits(workspace.plan, workspace.quotaOverride);
  const before = slicesOf(limits, workspace.namespaces);
  const after = new Map([...before].map(([name, slice]) => [name, { ...slice }]));
  const used = await environmentUsage(context, source.name);
  const errors: FieldErrors = {};
  for (const { key } of QUOTA_KEYS) {
    if (moved[key] === 0) continue;
    after.get(input.from)![key] -= moved[key];
    after.get(input.to)![key] += moved[key];
    const left = after.get(input.from)![key];
    if (left < 0) {
      errors[key] = [`${source.displayName} has only ${formatQuotaAmount(key, before.get(input.from)![key])} to give.`];
    } else if (left < used[key]) {
      errors[key] = [
        `That would leave ${source.displayName} ${formatQuotaAmount(key, left)}, below the ` +
          `${formatQuotaAmount(key, used[key])} its workloads already use.`,
      ];
    }
  }
  if (Object.keys(errors).length) {
    throw new AppError("INVALID_INPUT", "This move does not fit.", { fieldErrors: errors });
  }
  // Moving keeps the sum; this holds unless the plan was lowered below the split meanwhile.
  const over = overcommittedKeys(limits, after.values());
  if (over.length) {
    throw new AppError("CONFLICT", "The environments' quota adds up to more than the workspace's plan allows.", {
      internal: `overcommitted keys ${over.join(",")}`,
    });
  }
  const usage = new Map([[input.from, used]]);
  return {
    moved,
    environments: workspace.namespaces.map((n) => ({
      environment: n.environment,
      displayName: n.displayName,
      before: before.get(n.environment)!,
      after: after.get(n.environment)!,
      used: usage.get(n.environment) ?? emptySlice(),
    })),
  };
}

function inLockedTransaction<T>(workspaceId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await lockProvisioning(tx, workspaceId);
      return work(tx);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/** What the move would do, per environment; nothing is written. */
export function previewQuotaMove(context: WorkspaceContext, input: MoveQuotaInput): Promise<QuotaMovePreview> {
  return inLockedTransaction(context.workspace.id, (tx) => planMove(tx, context, input));
}

/** Moves the quota, then applies the new ResourceQuotas (the reconciler retries if that fails). */
export async function moveQuota(context: WorkspaceContext, input: MoveQuotaInput): Promise<QuotaMovePreview> {
  const workspaceId = context.workspace.id;
  const result = await inLockedTransaction(workspaceId, async (tx) => {
    const plan = await planMove(tx, context, input);
    for (const split of plan.environments) {
      // The default environment's slice is what the others leave: nothing stored.
      if (split.environment === DEFAULT_ENVIRONMENT) continue;
      if (QUOTA_KEYS.every(({ key }) => split.before[key] === split.after[key])) continue;
      await tx.workspaceNamespace.updateMany({
        where: { workspaceId, environment: split.environment },
        data: Object.fromEntries(QUOTA_KEYS.map(({ key }) => [SLICE_COLUMN[key], split.after[key]])),
      });
    }
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "environment.moveQuota",
        outcome: "SUCCESS",
        targetType: "environment",
        targetId: input.to,
        details: { from: input.from, to: input.to, moved: plan.moved },
      },
      tx,
    );
    return plan;
  });
  await provisionWorkspace(workspaceId).catch((error) =>
    log.error({ err: error, workspaceId }, "applying the new split failed; the reconciler will retry"),
  );
  return result;
}
