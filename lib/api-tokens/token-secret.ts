import { createHash, randomBytes } from "node:crypto";

// The format of personal access tokens (docs/decisions/011-api-token-format.md): "cnp_" and
// 43 base64url characters (256 bits from the CSPRNG). The prefix lets people and secret
// scanners recognise a leaked token; only the SHA-256 of the whole token is stored, and a
// presented token is found by that hash (high-entropy secrets need no salt or slow hash).

export const TOKEN_PREFIX = "cnp_";
const TOKEN_PATTERN = /^cnp_[A-Za-z0-9_-]{43}$/;
/** How many characters of a token the list shows ("cnp_" and 4 more). */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 4;

export interface NewTokenSecret {
  token: string;
  hash: string;
  prefix: string;
}

export function newTokenSecret(): NewTokenSecret {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, DISPLAY_LENGTH) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when `text` has the shape of a token (checked before any database lookup). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}
