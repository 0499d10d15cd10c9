import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
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
