import type { Actor } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import {
  OPEN_INVITATION,
  invitationState,
  invitationStateError,
  inviteeError,
} from "@/lib/invitations/invitation-state";
import { hashInvitationToken, invitationTokenSchema } from "@/lib/invitations/invitation-token";

/**
 * The invitation a token opens, looked up by the token's hash only. A malformed or
 * unknown token, or one of a deleted workspace, is "not valid" and nothing more.
 */
export async function findInvitationByToken(token: string) {
  const parsed = invitationTokenSchema.safeParse(token);
  const invitation = parsed.success
    ? await db().invitation.findUnique({
        where: { tokenHash: hashInvitationToken(parsed.data) },
        select: {
          id: true,
          workspaceId: true,
          email: true,
          role: true,
          expiresAt: true,
          acceptedAt: true,
          declinedAt: true,
          revokedAt: true,
          invitedById: true,
          invitedBy: { select: { name: true } },
          workspace: { select: { slug: true, displayName: true, deletedAt: true } },
        },
      })
    : null;
  if (!invitation || invitation.workspace.deletedAt) throw invalidInvitationLink();
  return { ...invitation, tokenHash: hashInvitationToken(token) };
}

/**
 * The open invitation a token opens, for the signed-in user answering it: only the invited
 * (verified) email may accept or decline, so someone who merely got hold of the link cannot.
 */
export async function findInvitationToAnswer(actor: Actor, token: string) {
  const invitation = await findInvitationByToken(token);
  const stateError = invitationStateError(invitationState(invitation));
  if (stateError) throw stateError;
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: { email: true, emailVerified: true },
  });
  const notInvitee = inviteeError(user, invitation.email);
  if (notInvitee) throw notInvitee;
  return invitation;
}

/**
 * Answers the invitation with a conditional update (still open, not expired, this token),
 * so of two concurrent answers exactly one wins; the other learns why nothing was left.
 */
export async function claimInvitation(
  tx: Prisma.TransactionClient,
  invitation: { id: string; tokenHash: string },
  now: Date,
  answer: Prisma.InvitationUncheckedUpdateManyInput,
): Promise<void> {
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, tokenHash: invitation.tokenHash, ...OPEN_INVITATION, expiresAt: { gt: now } },
    data: answer,
  });
  if (claimed.count !== 1) throw await whyNotOpen(tx, invitation.id, now);
}

export function invalidInvitationLink(): AppError {
  return new AppError("NOT_FOUND", "This invitation link is not valid. Check that you copied all of it.");
}

/** Why a claim found nothing: answered, revoked or expired meanwhile, or a resend replaced the token. */
export async function whyNotOpen(tx: Prisma.TransactionClient, invitationId: string, now: Date): Promise<AppError> {
  const current = await tx.invitation.findUnique({ where: { id: invitationId } });
  return (current && invitationStateError(invitationState(current, now))) ?? invalidInvitationLink();
}
