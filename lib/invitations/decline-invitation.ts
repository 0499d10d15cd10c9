import type { Actor } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { findInvitationByToken, whyNotOpen } from "@/lib/invitations/find-invitation";
import {
  OPEN_INVITATION,
  invitationState,
  invitationStateError,
  inviteeError,
} from "@/lib/invitations/invitation-state";

export { invitationTokenInput as declineInvitationInput } from "@/lib/invitations/invitation-token";

/**
 * Declines an invitation. Like accepting, only the invited (verified) email may do it, so
 * someone who merely got hold of the link cannot turn it down on the invitee's behalf.
 */
export async function declineInvitation(actor: Actor, input: { token: string }): Promise<{ workspaceName: string }> {
  const invitation = await findInvitationByToken(input.token);
  const stateError = invitationStateError(invitationState(invitation));
  if (stateError) throw stateError;
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: { email: true, emailVerified: true },
  });
  const notInvitee = inviteeError(user, invitation.email);
  if (notInvitee) throw notInvitee;

  await db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, tokenHash: invitation.tokenHash, ...OPEN_INVITATION, expiresAt: { gt: now } },
      data: { declinedAt: now },
    });
    if (claimed.count !== 1) throw await whyNotOpen(tx, invitation.id, now);
    await recordAudit(
      {
        workspaceId: invitation.workspaceId,
        actor,
        action: "invitation.decline",
        outcome: "SUCCESS",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: invitation.email, role: invitation.role },
      },
      tx,
    );
  });
  return { workspaceName: invitation.workspace.displayName };
}
