import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { revokeInvitationsBeyondAuthority } from "@/lib/invitations/inviter-authority";
import { LAST_OWNER_MESSAGE, canRemove } from "@/lib/members/member-rules";
import { changeMembership, countOwners, findMember, recordMembershipChange } from "@/lib/members/membership-tx";

export const removeMemberInput = z.object({
  membershipId: z.string().trim().min(1, "Choose a member.").max(64),
});

/**
 * Removes someone else from the workspace. Right after the commit their ServiceAccount
 * and RoleBinding are deleted, which also invalidates every token issued for them.
 */
export async function removeMember(
  context: WorkspaceContext,
  input: z.output<typeof removeMemberInput>,
): Promise<void> {
  const workspaceId = context.workspace.id;
  await changeMembership(context, "member.remove", input.membershipId, async (tx, { workspace, actorRole }) => {
    const target = await findMember(tx, workspaceId, input.membershipId);
    if (target.id === context.membership.id) {
      throw new AppError("INVALID_INPUT", "To remove yourself, use “Leave workspace”.");
    }
    const isPersonalOwner = target.userId === workspace.personalOwnerId;
    if (isPersonalOwner) throw AppError.forbidden("The owner of a personal workspace cannot be removed from it.");
    if (!canRemove(actorRole, context.membership.id, { membershipId: target.id, role: target.role, isPersonalOwner })) {
      throw AppError.forbidden("Only an owner can remove an owner.");
    }
    if (target.role === "OWNER" && (await countOwners(tx, workspaceId)) <= 1) {
      throw new AppError("CONFLICT", LAST_OWNER_MESSAGE);
    }
    await tx.membership.delete({ where: { id: target.id } });
    const invitationsRevoked = await revokeInvitationsBeyondAuthority(tx, workspaceId, target.userId, null);
    await recordMembershipChange(tx, context, "member.remove", target.id, {
      userId: target.userId,
      email: target.user.email,
      role: target.role,
      invitationsRevoked,
    });
  });
}
