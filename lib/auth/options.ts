import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import { env } from "@/lib/config/env";
import { sessionAdapter } from "@/lib/auth/session-adapter";
import { configuredProviders } from "@/lib/auth/providers";
import { checkSignIn } from "@/lib/auth/sign-in-refusals";
import { recordVerifiedEmail } from "@/lib/auth/verified-email";
import { notifyOpenInvitations } from "@/lib/notifications/invitation-notifications";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("auth");

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
      session: {
        strategy: "database",
        maxAge: 7 * 24 * 60 * 60,
        updateAge: 60 * 60,
        // 256 bits from the CSPRNG (next-auth's default is a UUID: 122 random bits).
        generateSessionToken: () => randomBytes(32).toString("base64url"),
      },
      pages: { signIn: "/signin", error: "/signin" },
      events: {
        signIn: async ({ user, account, profile }) => {
          await recordVerifiedEmail(user, account, profile?.email);
          // Invitations made before this address had an account (or was verified).
          await notifyOpenInvitations(user.id).catch((error: unknown) =>
            log.error({ err: error, userId: user.id }, "open invitations not notified at sign-in"),
          );
        },
        // A new user gets their personal workspace at once. Should provisioning fail, the
        // console layout creates it on the next page view instead of failing sign-in.
        createUser: async ({ user }) => {
          await ensurePersonalWorkspace(user).catch((error) =>
            log.error({ err: error, userId: user.id }, "personal workspace not created at sign-up"),
          );
        },
      },
      callbacks: {
        // No verified email, or too many sign-ins into one account: refused (sign-in-refusals.ts).
        signIn: ({ account, profile }) => checkSignIn(account, profile),
        session({ session, user }) {
          // lastWorkspaceId comes with the session's own read (session-adapter.ts), so a
          // workspace page writes it only when the user opens another workspace.
          return { ...session, user: { ...session.user, id: user.id, lastWorkspaceId: user.lastWorkspaceId ?? null } };
        },
      },
    };
  }
  return options;
}
