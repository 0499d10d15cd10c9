import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { environmentDisplayNameSchema, environmentRefSchema } from "@/lib/environments/environment-name";

export const renameEnvironmentInput = z.object({
  environment: environmentRefSchema,
  displayName: environmentDisplayNameSchema,
});

/** Changes the display name only; the environment's name (in URLs) and its namespace never change. */
export async function renameEnvironment(
  context: WorkspaceContext,
  input: z.output<typeof renameEnvironmentInput>,
): Promise<{ displayName: string }> {
  const workspaceId = context.workspace.id;
  return db().$transaction(async (tx) => {
    const current = await tx.workspaceNamespace.findUnique({
      where: { workspaceId_environment: { workspaceId, environment: input.environment } },
      select: { id: true, displayName: true },
    });
    if (!current) throw AppError.invalid("environment", "No such environment in this workspace.");
    if (current.displayName === input.displayName) return { displayName: input.displayName };
    await tx.workspaceNamespace.update({ where: { id: current.id }, data: { displayName: input.displayName } });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "environment.update",
        outcome: "SUCCESS",
        targetType: "environment",
        targetId: current.id,
        details: { environment: input.environment, displayName: { from: current.displayName, to: input.displayName } },
      },
      tx,
    );
    return { displayName: input.displayName };
  });
}
