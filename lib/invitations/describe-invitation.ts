import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors/app-error";
import { findInvitationByToken } from "@/lib/invitations/find-invitation";
import { inviterAuthorityError, inviterRole, inviterStillEntitled } from "@/lib/invitations/inviter-authority";
import {
  alreadyMemberError,
  invitationState,
  invitationStateError,
  inviteeError,
  maskEmail,
} from "@/lib/invitations/invitation-state";

/** All that the holder of a valid link learns: never the slug, ids or the full email. */
export interface InvitationPreview {
  workspaceName: string;
  inviterName: string;
  role: Role;
  maskedEmail: string;
  /** Why the invitation cannot be answered (by this viewer, when signed in), or null. */
  problem: string | null;
}

/**
 * What the invite page shows for a token. `viewerId` is the signed-in user, if any: the
 * page then says up front whether this account can accept. Throws NOT_FOUND for a link
 * that is not valid.
 */
export async function describeInvitation(token: string, viewerId: string | null): Promise<InvitationPreview> {
  const invitation = await findInvitationByToken(token);
  let problem: AppError | null = invitationStateError(invitationState(invitation));
  if (
    !problem &&
    !inviterStillEntitled(await inviterRole(db(), invitation.workspaceId, invitation.invitedById), invitation.role)
  ) {
    problem = inviterAuthorityError();
  }
  if (!problem && viewerId) {
    const [user, membership] = await Promise.all([
      db().user.findUnique({ where: { id: viewerId }, select: { email: true, emailVerified: true } }),
      db().membership.findUnique({
        where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: viewerId } },
        select: { id: true },
      }),
    ]);
    problem = inviteeError(user, invitation.email);
    if (!problem && membership) {
      problem = alreadyMemberError(invitation.workspace.displayName);
    }
  }
  return {
    workspaceName: invitation.workspace.displayName,
    inviterName: invitation.invitedBy.name ?? "A workspace admin",
    role: invitation.role,
    maskedEmail: maskEmail(invitation.email),
    problem: problem?.userMessage ?? null,
  };
}
