import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";
import { NamespaceTakenError, namespaceIsFree } from "@/lib/tenancy/claim-namespace";
import { lockProvisioning, provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import {
  MAX_ENVIRONMENTS,
  environmentDisplayNameSchema,
  environmentNameSchema,
  environmentNamespaceName,
} from "@/lib/environments/environment-name";

// A new environment: a row (with an empty slice of the quota: quota is moved to it
// afterwards) committed under the workspace's lock, then its namespace with the whole
// isolation bundle, provisioned exactly like the default one. A namespace of that name that
// already exists (someone else's, or one of ours still being deleted) is never adopted.

const log = componentLogger("environments");

export const createEnvironmentInput = z.object({
  name: environmentNameSchema,
  displayName: environmentDisplayNameSchema.optional(),
});

const DUPLICATE = "This workspace already has an environment of that name.";
const TAKEN =
  "A namespace of that name still exists on the cluster (an environment of that name being deleted, or someone " +
  "else's). Choose another name, or try again in a minute.";

export async function createEnvironment(
  context: WorkspaceContext,
  input: z.output<typeof createEnvironmentInput>,
): Promise<{ environment: string; namespace: string }> {
  const workspaceId = context.workspace.id;
  const namespace = environmentNamespaceName(context.workspace.slug, input.name);
  const displayName = input.displayName ?? input.name;
  const existing = await db().workspaceNamespace.count({ where: { workspaceId, environment: input.name } });
  if (existing > 0) throw AppError.invalid("name", DUPLICATE);
  if (!(await namespaceIsFree(namespace))) throw AppError.invalid("name", TAKEN);
  try {
    await db().$transaction(async (tx) => {
      await lockProvisioning(tx, workspaceId);
      const count = await tx.workspaceNamespace.count({ where: { workspaceId } });
      if (count >= MAX_ENVIRONMENTS) {
        throw AppError.invalid("name", `A workspace may have at most ${MAX_ENVIRONMENTS} environments.`);
      }
      const row = await tx.workspaceNamespace.create({
        data: { workspaceId, environment: input.name, displayName, name: namespace },
        select: { id: true },
      });
      await recordAudit(
        {
          workspaceId,
          actor: context.actor,
          action: "environment.create",
          outcome: "SUCCESS",
          targetType: "environment",
          targetId: row.id,
          details: { environment: input.name, displayName, namespace },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw AppError.invalid("name", DUPLICATE);
    }
    throw error;
  }
  try {
    await provisionWorkspace(workspaceId);
  } catch (error) {
    if (error instanceof NamespaceTakenError) {
      // Someone else's namespace appeared meanwhile: take the environment back out.
      await db().workspaceNamespace.deleteMany({ where: { workspaceId, environment: input.name } });
      throw AppError.invalid("name", TAKEN);
    }
    log.error({ err: error, workspaceId, namespace }, "provisioning the environment failed; the reconciler will retry");
  }
  return { environment: input.name, namespace };
}
