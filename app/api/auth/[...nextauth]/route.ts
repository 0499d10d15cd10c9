import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own handler: sign-in redirects, OAuth callbacks, CSRF, sign-out. Options
// are built on the first request so that a build needs no configuration.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
