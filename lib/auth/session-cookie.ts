import { sessionAdapter } from "@/lib/auth/session-adapter";
import { env } from "@/lib/config/env";

// The signed-in user of a request that does not go through Next.js (the terminal's
// WebSocket upgrade): next-auth's database session, found by its cookie through the same
// adapter next-auth uses, and only while it has not expired. Signing out deletes the row,
// so the cookie is then worthless here too.

/** next-auth v4's session cookie: `__Secure-` prefixed when the portal is served over https. */
export function sessionCookieName(portalUrl = env().NEXTAUTH_URL): string {
  return new URL(portalUrl).protocol === "https:" ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The id of the user whose live session the Cookie header carries, or null. */
export async function sessionUserId(cookieHeader: string | undefined): Promise<string | null> {
  const token = cookieValue(cookieHeader, sessionCookieName());
  if (!token) return null;
  const found = await sessionAdapter().getSessionAndUser?.(token);
  if (!found || found.session.expires.getTime() <= Date.now()) return null;
  return found.user.id;
}
