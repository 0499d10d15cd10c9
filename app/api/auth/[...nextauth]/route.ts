import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { refuseSignInAttempt } from "@/lib/auth/sign-in-refusals";

// next-auth's own handler: sign-in redirects, OAuth callbacks, CSRF, sign-out. Options
// are built on the first request so that a build needs no configuration. Sign-in attempts
// are rate-limited per client address first.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return (await refuseSignInAttempt(request)) ?? NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
