import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { invitationState, invitationStateError } from "@/lib/invitations/invitation-state";
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

export function invalidInvitationLink(): AppError {
  return new AppError("NOT_FOUND", "This invitation link is not valid. Check that you copied all of it.");
}

/** Why a claim found nothing: answered, revoked or expired meanwhile, or a resend replaced the token. */
export async function whyNotOpen(tx: Prisma.TransactionClient, invitationId: string, now: Date): Promise<AppError> {
  const current = await tx.invitation.findUnique({ where: { id: invitationId } });
  return (current && invitationStateError(invitationState(current, now))) ?? invalidInvitationLink();
}
