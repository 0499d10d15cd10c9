import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";
import { listRuntimes } from "@/lib/runtimes/list-runtimes";
import { listVolumes } from "@/lib/storage/list-volumes";
import { formatBytes } from "@/lib/storage/size";
import { deleteOwnNamespace } from "@/lib/tenancy/claim-namespace";
import { lockProvisioning } from "@/lib/tenancy/provision-workspace";
import { DEFAULT_ENVIRONMENT, environmentRefSchema } from "@/lib/environments/environment-name";

// Deleting an environment deletes its namespace with everything in it; its slice of the
// quota goes back to the default environment (which gets what the others leave). Usage
// and charges name the namespace, not the row, so billing keeps the environment's history.
// If the namespace cannot be deleted now, the reconciler removes it (a namespace of a live
// workspace without an environment row is an orphan). API tokens scoped to the environment
// are revoked in the same transaction (they keep its name, so they never work elsewhere).

const log = componentLogger("environments");

export const deleteEnvironmentInput = z.object({
  environment: environmentRefSchema,
  /** The environment's name, typed again. */
  confirm: z.string().trim(),
});

export interface EnvironmentInventory {
  namespace: string;
  runtimes: string[];
  volumes: { name: string; size: string }[];
}

async function environmentRow(workspaceId: string, environment: string) {
  const row = await db().workspaceNamespace.findUnique({
    where: { workspaceId_environment: { workspaceId, environment } },
    select: { id: true, name: true, displayName: true },
  });
  if (!row) throw AppError.invalid("environment", "No such environment in this workspace.");
  return row;
}

/** What deleting the environment destroys, read as the member, for the confirmation dialog. */
export async function environmentInventory(
  context: WorkspaceContext,
  environment: string,
): Promise<EnvironmentInventory> {
  const { name: namespace } = await environmentRow(context.workspace.id, environment);
  const inside = { ...context, namespace, environment };
  const [runtimes, volumes] = await Promise.all([listRuntimes(inside), listVolumes(inside)]);
  return {
    namespace,
    runtimes: runtimes.map((r) => r.name),
    volumes: volumes.map((v) => ({ name: v.name, size: formatBytes(v.requestedBytes) })),
  };
}

export async function deleteEnvironment(
  context: WorkspaceContext,
  input: z.output<typeof deleteEnvironmentInput>,
): Promise<{ namespace: string }> {
  if (input.environment === DEFAULT_ENVIRONMENT) {
    throw AppError.invalid("environment", "The default environment cannot be deleted.");
  }
  if (input.confirm.toLowerCase() !== input.environment) {
    throw AppError.invalid("confirm", `Type the environment's name, ${input.environment}, to confirm.`);
  }
  const workspaceId = context.workspace.id;
  const inventory = await environmentInventory(context, input.environment);
  const row = await db().$transaction(async (tx) => {
    await lockProvisioning(tx, workspaceId);
    const current = await tx.workspaceNamespace.findUnique({
      where: { workspaceId_environment: { workspaceId, environment: input.environment } },
      select: { id: true, name: true },
    });
    if (!current) throw AppError.invalid("environment", "No such environment in this workspace.");
    const tokens = await tx.apiToken.updateMany({
      where: { environmentId: current.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.workspaceNamespace.delete({ where: { id: current.id } });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "environment.delete",
        outcome: "SUCCESS",
        targetType: "environment",
        targetId: current.id,
        details: {
          environment: input.environment,
          namespace: current.name,
          runtimes: inventory.runtimes,
          volumes: inventory.volumes.map((v) => v.name),
          apiTokensRevoked: tokens.count,
        },
      },
      tx,
    );
    return current;
  });
  await deleteOwnNamespace(workspaceId, row.name).catch((error) =>
    log.error({ err: error, workspaceId, namespace: row.name }, "deleting the namespace failed; the reconciler will"),
  );
  return { namespace: row.name };
}
