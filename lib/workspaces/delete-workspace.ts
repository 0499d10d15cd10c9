import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lockWorkspace, lockedActorRole } from "@/lib/members/membership-tx";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("tenancy");

export const deleteWorkspaceInput = z.object({
  confirmSlug: z.string().trim().max(100),
});

export const PERSONAL_DELETE_MESSAGE =
  "A personal workspace cannot be deleted: it belongs to your account for as long as the account exists.";

/**
 * Deletes a team workspace. One transaction marks it DELETING (deletedAt set, which is
 * where metering stops), revokes pending invitations, ends every membership and records
 * the audit event; then the cluster side runs. If that fails the workspace stays
 * DELETING and the reconciler calls finishWorkspaceDeletion again.
 */
export async function deleteWorkspace(
  context: WorkspaceContext,
  input: z.output<typeof deleteWorkspaceInput>,
): Promise<{ finished: boolean }> {
  const workspaceId = context.workspace.id;
  await db().$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    await lockedActorRole(tx, context, "workspace.delete");
    if (workspace.kind === "PERSONAL") throw new AppError("CONFLICT", PERSONAL_DELETE_MESSAGE);
    if (input.confirmSlug !== workspace.slug) {
      throw AppError.invalid("confirmSlug", `Type the workspace's URL name, ${workspace.slug}, to confirm.`);
    }
    const now = new Date();
    await tx.workspace.update({ where: { id: workspaceId }, data: { status: "DELETING", deletedAt: now } });
    const invitations = await tx.invitation.updateMany({
      where: { workspaceId, acceptedAt: null, declinedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const members = await tx.membership.deleteMany({ where: { workspaceId } });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "workspace.delete",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: workspaceId,
        details: {
          slug: workspace.slug,
          namespace: context.namespace,
          membershipsEnded: members.count,
          invitationsRevoked: invitations.count,
        },
      },
      tx,
    );
  });
  try {
    await finishWorkspaceDeletion(workspaceId);
    return { finished: true };
  } catch (error) {
    log.error({ err: error, workspaceId }, "deleting the workspace on the cluster failed; the reconciler will retry");
    return { finished: false };
  }
}
