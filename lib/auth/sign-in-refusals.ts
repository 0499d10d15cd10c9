import type { Account } from "next-auth";
import { clientAddress } from "@/lib/auth/client-address";
import { verifiedEmailOf } from "@/lib/auth/verified-email";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { enforceRateLimit } from "@/lib/rate-limits/enforce-rate-limit";

// Sign-ins Canopy refuses, and how the person is told: through next-auth's error path
// (/signin?error=<code>, see lib/auth/sign-in-errors.ts). A provider that vouches for no
// email address gets no account (an unverified address could claim someone else's
// invitations or block its owner's sign-up); too many attempts from one address, or into
// one account, are refused until the rate limit allows them again. A user a platform
// administrator disabled (lib/platform/disable-user.ts) is refused until enabled again.

export type SignInRefusal = "EmailNotVerified" | "RateLimited" | "AccountDisabled";

export function signInErrorUrl(code: SignInRefusal, retryAfterSeconds?: number): string {
  const url = new URL("/signin", env().NEXTAUTH_URL);
  url.searchParams.set("error", code);
  if (retryAfterSeconds !== undefined) url.searchParams.set("retryAfter", String(retryAfterSeconds));
  return url.toString();
}

function rateLimitedAfter(error: unknown): number | null {
  if (error instanceof AppError && error.code === "RATE_LIMITED") return error.retryAfterSeconds ?? 1;
  return null;
}

/** Whether the account signing in (or the user with its verified address) is disabled. */
async function isDisabled(account: Account, verifiedEmail: string): Promise<boolean> {
  const rows = await db().$queryRaw<{ disabled: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM users u
       WHERE u.disabled_at IS NOT NULL
         AND (lower(u.email) = ${verifiedEmail}
              OR u.id IN (SELECT a.user_id FROM accounts a
                           WHERE a.provider = ${account.provider} AND a.provider_account_id = ${account.providerAccountId}))
    ) AS disabled`;
  return rows[0]?.disabled === true;
}

/** next-auth's signIn callback: true to go on, or the URL a refused sign-in is sent to. */
export async function checkSignIn(
  account: Account | null,
  profile: { email?: string | null } | undefined,
): Promise<true | string> {
  const verifiedEmail = verifiedEmailOf(account, profile?.email);
  if (!verifiedEmail) return signInErrorUrl("EmailNotVerified");
  if (!account) return true;
  if (await isDisabled(account, verifiedEmail)) return signInErrorUrl("AccountDisabled");
  try {
    await enforceRateLimit(
      "auth.signIn",
      { account: `${account.provider}:${account.providerAccountId}` },
      { workspaceId: null, actor: null },
    );
  } catch (error) {
    const retryAfter = rateLimitedAfter(error);
    if (retryAfter === null) throw error;
    return signInErrorUrl("RateLimited", retryAfter);
  }
  return true;
}

/** Starting a sign-in (POST /api/auth/signin/<provider>) and the provider's callback count. */
function isSignInAttempt(request: Request): boolean {
  const { pathname } = new URL(request.url);
  if (request.method === "POST") return /\/api\/auth\/signin\/[^/]+$/.test(pathname);
  if (request.method === "GET") return /\/api\/auth\/callback\/[^/]+$/.test(pathname);
  return false;
}

/**
 * Counts a sign-in attempt against the client's address; null to let next-auth handle
 * it, or the refusal: a redirect to the sign-in page for a navigation, else next-auth's
 * own JSON answer ({ url }), which its client follows.
 */
export async function refuseSignInAttempt(request: Request): Promise<Response | null> {
  if (!isSignInAttempt(request)) return null;
  const address = clientAddress(request.headers);
  try {
    await enforceRateLimit("auth.signIn", { address }, { workspaceId: null, actor: null, clientAddress: address });
    return null;
  } catch (error) {
    const retryAfter = rateLimitedAfter(error);
    if (retryAfter === null) throw error;
    const url = signInErrorUrl("RateLimited", retryAfter);
    const headers = { "Retry-After": String(retryAfter), "Cache-Control": "no-store" };
    if (request.headers.get("sec-fetch-mode") === "navigate") {
      return new Response(null, { status: 303, headers: { ...headers, Location: url } });
    }
    return Response.json({ url }, { status: 429, headers });
  }
}
