import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { REQUEST_PATH_HEADER, returnPath } from "@/lib/http/request-path";

/** The signed-in session of this request, read once per request. */
export const currentSession = cache(async (): Promise<Session | null> => getServerSession(authOptions()));

/**
 * The signed-in session, or a redirect to the sign-in page, which returns to the page asked
 * for; signing in from the sign-in page itself lands where lib/workspaces/landing.ts says.
 */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session?.user?.id) {
    const back = returnPath((await headers()).get(REQUEST_PATH_HEADER));
    redirect(back ? `/signin?callbackUrl=${encodeURIComponent(back)}` : "/signin");
  }
  return session;
}

/** The token of this request's session cookie (to tell this session from the user's others). */
export async function currentSessionToken(): Promise<string | null> {
  const jar = await cookies();
  // next-auth names it with the __Secure- prefix when the portal is served over HTTPS.
  return (jar.get("__Secure-next-auth.session-token") ?? jar.get("next-auth.session-token"))?.value ?? null;
}
