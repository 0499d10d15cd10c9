import type { Account, User } from "next-auth";
import { decodeJwt } from "jose";
import { db } from "@/lib/db/client";

/**
 * next-auth stores OAuth users with emailVerified = null. Invitations are bound to a
 * verified email, so record the verification whenever the provider's ID token (already
 * validated by next-auth in this same sign-in) asserts `email_verified` for the very
 * address on the account.
 */
export async function recordVerifiedEmail(user: User, account: Account | null): Promise<void> {
  if (!account?.id_token || !user.email) return;
  const claims = decodeJwt(account.id_token);
  if (claims.email_verified !== true || typeof claims.email !== "string") return;
  if (claims.email.toLowerCase() !== user.email.toLowerCase()) return;
  await db().user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
}
