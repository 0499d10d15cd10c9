import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createWorkspaceInput } from "@/lib/workspaces/create-workspace";

export const renameWorkspaceInput = z.object({
  displayName: createWorkspaceInput.shape.displayName,
});

/** Changes the display name only; the slug and the namespace never change. */
export async function renameWorkspace(
  context: WorkspaceContext,
  input: z.output<typeof renameWorkspaceInput>,
): Promise<{ displayName: string }> {
  const workspaceId = context.workspace.id;
  return db().$transaction(async (tx) => {
    const current = await tx.workspace.findFirst({
      where: { id: workspaceId, deletedAt: null },
      select: { displayName: true },
    });
    if (!current) throw AppError.notFound("Workspace");
    if (current.displayName === input.displayName) return current;
    await tx.workspace.updateMany({
      where: { id: workspaceId, deletedAt: null },
      data: { displayName: input.displayName },
    });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "workspace.update",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: workspaceId,
        details: { displayName: { from: current.displayName, to: input.displayName } },
      },
      tx,
    );
    return { displayName: input.displayName };
  });
}
