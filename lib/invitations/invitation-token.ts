import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/config/env";

// An invitation token is 32 random bytes (256 bits) in base64url: it appears only in the
// link. The database keeps its SHA-256, so a read of the table yields no usable token.

export const INVITATION_TOKEN_BYTES = 32;

/** 32 bytes in unpadded base64url are always 43 characters of this alphabet. */
export const invitationTokenSchema = z
  .string({ error: "This invitation link is not valid." })
  .regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid.");

export const invitationTokenInput = z.object({ token: invitationTokenSchema });

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(INVITATION_TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function invitationLink(token: string): string {
  return new URL(`/invite/${token}`, env().NEXTAUTH_URL).toString();
}

export function invitationExpiry(from: Date = new Date()): Date {
  return new Date(from.getTime() + env().CANOPY_INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
}
