import type { Account, User } from "next-auth";
import { decodeJwt } from "jose";
import { db } from "@/lib/db/client";

/**
 * The email address this sign-in's provider vouches for, or null: for OpenID Connect
 * providers the ID token's `email` when `email_verified` is true (the token was already
 * validated by next-auth in this same sign-in); for GitHub the profile's `email`, which
 * lib/auth/github-email.ts sets only to the verified primary address.
 */
export function verifiedEmailOf(account: Account | null, profileEmail: string | null | undefined): string | null {
  if (account?.id_token) {
    const claims = decodeJwt(account.id_token);
    return claims.email_verified === true && typeof claims.email === "string" ? claims.email.toLowerCase() : null;
  }
  if (account?.provider === "github" && profileEmail) return profileEmail.toLowerCase();
  return null;
}

/**
 * next-auth stores OAuth users with emailVerified = null. Invitations are bound to a
 * verified email, so record the verification whenever the provider vouches for the very
 * address on the account.
 */
export async function recordVerifiedEmail(
  user: User,
  account: Account | null,
  profileEmail: string | null | undefined,
): Promise<void> {
  const verified = verifiedEmailOf(account, profileEmail);
  if (!verified || !user.email || verified !== user.email.toLowerCase()) return;
  await db().user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
}
