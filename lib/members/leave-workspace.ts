import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { revokeInvitationsBeyondAuthority } from "@/lib/invitations/inviter-authority";
import { LAST_OWNER_MESSAGE } from "@/lib/members/member-rules";
import { countOwners, lockWorkspace, lockedActorRole, syncMembersToCluster } from "@/lib/members/membership-tx";

/** Leaving takes no input: the actor leaves, and the guard says which workspace. */
export const leaveWorkspaceInput = z.object({});

export const PERSONAL_LEAVE_MESSAGE = "This is your personal workspace; you cannot leave it.";
export const LAST_OWNER_LEAVE_MESSAGE =
  "You are the last owner. Transfer ownership to someone else or delete the workspace first.";

/** The actor leaves the workspace, unless it is their personal one or they are its last owner. */
export async function leaveWorkspace(context: WorkspaceContext): Promise<void> {
  const workspaceId = context.workspace.id;
  await db().$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    const role = await lockedActorRole(tx, context, "member.leave");
    if (workspace.personalOwnerId === context.actor.userId) throw new AppError("CONFLICT", PERSONAL_LEAVE_MESSAGE);
    if (role === "OWNER" && (await countOwners(tx, workspaceId)) <= 1) {
      throw new AppError("CONFLICT", LAST_OWNER_LEAVE_MESSAGE, { internal: LAST_OWNER_MESSAGE });
    }
    await tx.membership.delete({ where: { id: context.membership.id } });
    const invitationsRevoked = await revokeInvitationsBeyondAuthority(tx, workspaceId, context.actor.userId, null);
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "member.leave",
        outcome: "SUCCESS",
        targetType: "membership",
        targetId: context.membership.id,
        details: { userId: context.actor.userId, role, invitationsRevoked },
      },
      tx,
    );
  });
  await syncMembersToCluster(workspaceId);
}
