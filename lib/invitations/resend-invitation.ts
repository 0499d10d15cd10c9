import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { sendInvitationEmail } from "@/lib/invitations/invitation-email";
import { OPEN_INVITATION } from "@/lib/invitations/invitation-state";
import { invitationExpiry, invitationLink, newInvitationToken } from "@/lib/invitations/invitation-token";
import { assertAssignable, type IssuedInvitation } from "@/lib/invitations/invite-member";
import { enforceRateLimit } from "@/lib/rate-limits/enforce-rate-limit";

export const resendInvitationInput = z.object({
  invitationId: z.string({ error: "Choose an invitation." }).min(1, "Choose an invitation.").max(64),
});

/**
 * Issues a new token for an open invitation (the old link stops working), restarts its
 * expiry and sends the email again. The invitation then rests on the resender's authority:
 * they become its inviter. Expired invitations can be resent; answered or
 * revoked ones cannot.
 */
export async function resendInvitation(
  context: WorkspaceContext,
  input: z.output<typeof resendInvitationInput>,
): Promise<IssuedInvitation> {
  if (!can(context.membership.role, "invitation.manage")) throw AppError.forbidden();
  const workspaceId = context.workspace.id;
  const invitation = await db().invitation.findFirst({
    where: { id: input.invitationId, workspaceId, ...OPEN_INVITATION },
    select: { id: true, email: true, role: true },
  });
  if (!invitation) throw AppError.notFound("Invitation");
  // Re-issuing hands out the role again, so it is bounded like inviting.
  await assertAssignable(context, invitation.role, "invitation.resend");
  await enforceRateLimit(
    "invitation.send",
    { user: context.actor.userId, workspace: workspaceId },
    { action: "invitation.resend", workspaceId, actor: context.actor },
  );

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = invitationExpiry();
  await db().$transaction(async (tx) => {
    const updated = await tx.invitation.updateMany({
      where: { id: invitation.id, workspaceId, ...OPEN_INVITATION },
      data: { tokenHash, expiresAt, invitedById: context.actor.userId },
    });
    if (updated.count !== 1) throw AppError.notFound("Invitation");
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "invitation.resend",
        outcome: "SUCCESS",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: invitation.email, role: invitation.role, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
  });

  const resender = await db().user.findUnique({ where: { id: context.actor.userId }, select: { name: true } });
  const { delivery } = await sendInvitationEmail({
    to: invitation.email,
    token,
    workspaceName: context.workspace.displayName,
    inviterName: resender?.name ?? "A workspace admin",
    role: invitation.role,
    expiresAt,
  });
  return {
    invitationId: invitation.id,
    email: invitation.email,
    role: invitation.role,
    link: invitationLink(token),
    expiresAt,
    delivery,
  };
}
