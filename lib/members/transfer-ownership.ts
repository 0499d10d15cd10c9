import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { revokeInvitationsBeyondAuthority } from "@/lib/invitations/inviter-authority";
import { changeMembership, findMember, recordMembershipChange } from "@/lib/members/membership-tx";

export const transferOwnershipInput = z.object({
  membershipId: z.string().trim().min(1, "Choose the new owner.").max(64),
});

/** Hands the workspace to another member: they become owner and the actor becomes admin, together. */
export async function transferOwnership(
  context: WorkspaceContext,
  input: z.output<typeof transferOwnershipInput>,
): Promise<void> {
  await changeMembership(context, "workspace.transfer", input.membershipId, async (tx, { workspace }) => {
    if (workspace.kind === "PERSONAL") {
      throw new AppError("CONFLICT", "A personal workspace always belongs to its owner and cannot be transferred.");
    }
    const target = await findMember(tx, workspace.id, input.membershipId);
    if (target.id === context.membership.id) {
      throw AppError.invalid("membershipId", "Choose another member; you already own this workspace.");
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { id: context.membership.id }, data: { role: "ADMIN" } });
    const invitationsRevoked = await revokeInvitationsBeyondAuthority(tx, workspace.id, context.actor.userId, "ADMIN");
    await recordMembershipChange(tx, context, "workspace.transfer", target.id, {
      toUserId: target.userId,
      toEmail: target.user.email,
      toPreviousRole: target.role,
      fromUserId: context.actor.userId,
      fromNewRole: "ADMIN",
      invitationsRevoked,
    });
  });
}
