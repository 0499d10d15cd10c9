import { AppError } from "@/lib/errors/app-error";

// Where an invitation stands, and what the person holding its link is told when it can no
// longer be used or is not theirs. Shared by the invite page, accept and decline.

export type InvitationState = "pending" | "expired" | "accepted" | "declined" | "revoked";

interface InvitationDates {
  acceptedAt: Date | null;
  declinedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** Prisma `where` for invitations that were neither answered nor revoked. */
export const OPEN_INVITATION = { acceptedAt: null, declinedAt: null, revokedAt: null } as const;

export function invitationState(invitation: InvitationDates, now: Date = new Date()): InvitationState {
  if (invitation.revokedAt) return "revoked";
  if (invitation.acceptedAt) return "accepted";
  if (invitation.declinedAt) return "declined";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

const stateMessages: Record<Exclude<InvitationState, "pending">, string> = {
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  accepted: "This invitation has already been used.",
  declined: "This invitation was declined and can no longer be used.",
  revoked: "This invitation was revoked by the workspace.",
};

/** The error for an invitation that can no longer be answered, or null while it is pending. */
export function invitationStateError(state: InvitationState): AppError | null {
  return state === "pending" ? null : new AppError("CONFLICT", stateMessages[state]);
}

/** "bob@canopy.test" → "b***@canopy.test": enough to recognise, not to learn the address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Invitations are bound to an email: only an account whose verified email is the invited
 * one may answer. Returns the reason this account may not, or null.
 */
export function inviteeError(
  user: { email: string | null; emailVerified: Date | null } | null,
  invitedEmail: string,
): AppError | null {
  if (!user?.email || user.email.toLowerCase() !== invitedEmail.toLowerCase()) {
    return AppError.forbidden(
      `This invitation is for ${maskEmail(invitedEmail)}. Sign in with the account that uses that email address.`,
    );
  }
  if (!user.emailVerified) {
    return AppError.forbidden(
      "Your email address is not verified, so you cannot accept invitations yet. Sign in with a provider that verifies your email address.",
    );
  }
  return null;
}

export function alreadyMemberError(workspaceName: string): AppError {
  return new AppError("CONFLICT", `You are already a member of ${workspaceName}.`);
}
