import type { Actor } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { claimInvitation, findInvitationToAnswer } from "@/lib/invitations/find-invitation";

export { invitationTokenInput as declineInvitationInput } from "@/lib/invitations/invitation-token";

/**
 * Declines an invitation. Like accepting, only the invited (verified) email may do it, so
 * someone who merely got hold of the link cannot turn it down on the invitee's behalf.
 */
export async function declineInvitation(actor: Actor, input: { token: string }): Promise<{ workspaceName: string }> {
  const invitation = await findInvitationToAnswer(actor, input.token);

  await db().$transaction(async (tx) => {
    const now = new Date();
    await claimInvitation(tx, invitation, now, { declinedAt: now });
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
