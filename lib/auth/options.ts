import type { NextAuthOptions } from "next-auth";
import { env } from "@/lib/config/env";
import { sessionAdapter } from "@/lib/auth/session-adapter";
import { configuredProviders } from "@/lib/auth/providers";
import { recordVerifiedEmail } from "@/lib/auth/verified-email";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";

let options: NextAuthOptions | undefined;

// Sessions live in PostgreSQL (database strategy): signing out or deleting a session row
// ends it at once, which a stateless JWT cannot do.
export function authOptions(): NextAuthOptions {
  if (!options) {
    const config = env();
    options = {
      adapter: sessionAdapter(),
      providers: configuredProviders(config),
      secret: config.NEXTAUTH_SECRET,
      session: { strategy: "database", maxAge: 7 * 24 * 60 * 60, updateAge: 60 * 60 },
      pages: { signIn: "/signin", error: "/signin" },
      events: {
        signIn: ({ user, account }) => recordVerifiedEmail(user, account),
        // A new user gets their personal workspace at once. Should provisioning fail, the
        // console layout creates it on the next page view instead of failing sign-in.
        createUser: async ({ user }) => {
          await ensurePersonalWorkspace(user).catch((error) =>
            console.error("[auth] personal workspace not created at sign-up", error),
          );
        },
      },
      callbacks: {
        session({ session, user }) {
          return { ...session, user: { ...session.user, id: user.id } };
        },
      },
    };
  }
  return options;
}
