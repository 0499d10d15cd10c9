import type { Actor } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { claimInvitation, findInvitationToAnswer } from "@/lib/invitations/find-invitation";
import { alreadyMemberError } from "@/lib/invitations/invitation-state";
import { inviterAuthorityError, inviterRole, inviterStillEntitled } from "@/lib/invitations/inviter-authority";
import { lockWorkspace } from "@/lib/members/membership-tx";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("tenancy");

export { invitationTokenInput as acceptInvitationInput } from "@/lib/invitations/invitation-token";

/**
 * Accepts an invitation for the signed-in user, whose verified email must be the invited
 * one. The invitation is claimed with a conditional update (still open, not expired), so
 * of two concurrent accepts exactly one creates the membership; the other finds nothing
 * to claim. The workspace is locked first, as every membership change does, and the
 * inviter must still be a member who may hand out the invited role: an invitation dies
 * with its inviter's authority. Then the cluster gets the member's ServiceAccount and
 * RoleBinding.
 */
export async function acceptInvitation(actor: Actor, input: { token: string }): Promise<{ slug: string }> {
  const invitation = await findInvitationToAnswer(actor, input.token);
  const workspaceName = invitation.workspace.displayName;

  try {
    await db().$transaction(async (tx) => {
      await lockWorkspace(tx, invitation.workspaceId);
      if (
        !inviterStillEntitled(await inviterRole(tx, invitation.workspaceId, invitation.invitedById), invitation.role)
      ) {
        throw inviterAuthorityError();
      }
      const now = new Date();
      await claimInvitation(tx, invitation, now, { acceptedAt: now, acceptedById: actor.userId });
      const existing = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: actor.userId } },
        select: { id: true },
      });
      if (existing) throw alreadyMemberError(workspaceName);
      const membership = await tx.membership.create({
        data: { workspaceId: invitation.workspaceId, userId: actor.userId, role: invitation.role },
        select: { id: true },
      });
      await recordAudit(
        {
          workspaceId: invitation.workspaceId,
          actor,
          action: "invitation.accept",
          outcome: "SUCCESS",
          targetType: "invitation",
          targetId: invitation.id,
          details: { email: invitation.email, role: invitation.role, membershipId: membership.id },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw alreadyMemberError(workspaceName);
    }
    throw error;
  }

  try {
    await provisionWorkspace(invitation.workspaceId);
  } catch (error) {
    // The membership stands; the reconciler creates the member's cluster identity.
    log.error(
      { err: error, invitationId: invitation.id, workspaceId: invitation.workspaceId },
      "provisioning after an accepted invitation failed; the reconciler will retry",
    );
  }
  return { slug: invitation.workspace.slug };
}
