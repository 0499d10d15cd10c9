import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { authOptions } from "@/lib/auth/options";

/** The signed-in session of this request, read once per request. */
export const currentSession = cache(async (): Promise<Session | null> => getServerSession(authOptions()));

/** The signed-in session, or a redirect to the sign-in page. */
export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session?.user?.id) redirect("/signin");
  return session;
}
