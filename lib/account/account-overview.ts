import type { Actor } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// The account page: the signed-in user's profile, the providers they sign in with, their
// sessions, and their kubeconfigs in every workspace they still belong to. Only ever the
// acting user's own rows.

export interface AccountOverview {
  profile: { name: string | null; email: string | null; emailVerified: boolean; since: Date };
  providers: { provider: string; accountId: string }[];
  sessions: { id: string; expires: Date; current: boolean }[];
  kubeconfigs: {
    id: string;
    label: string;
    workspace: { slug: string; displayName: string };
    createdAt: Date;
    expiresAt: Date;
    status: "active" | "expired" | "revoked";
  }[];
}

/** The provider's account id, shortened: enough to tell two apart, not to copy. */
function shortId(id: string): string {
  return id.length <= 8 ? id : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export async function accountOverview(
  actor: Actor,
  currentSessionToken: string | null,
  now: Date = new Date(),
): Promise<AccountOverview> {
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: {
      name: true,
      email: true,
      emailVerified: true,
      createdAt: true,
      accounts: { select: { provider: true, providerAccountId: true }, orderBy: { provider: "asc" } },
      sessions: {
        where: { expires: { gt: now } },
        select: { id: true, sessionToken: true, expires: true },
        orderBy: { expires: "desc" },
      },
      kubeconfigs: {
        // Only workspaces the user still belongs to (a removed member's credentials are revoked).
        where: { workspace: { deletedAt: null }, membership: { userId: actor.userId } },
        select: {
          id: true,
          label: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          workspace: { select: { slug: true, displayName: true } },
        },
        orderBy: { createdAt: "desc" },
        take: 200,
      },
    },
  });
  if (!user) throw AppError.notFound("Account");
  return {
    profile: { name: user.name, email: user.email, emailVerified: user.emailVerified !== null, since: user.createdAt },
    providers: user.accounts.map((a) => ({ provider: a.provider, accountId: shortId(a.providerAccountId) })),
    sessions: user.sessions.map((s) => ({
      id: s.id,
      expires: s.expires,
      current: s.sessionToken === currentSessionToken,
    })),
    kubeconfigs: user.kubeconfigs.map((k) => ({
      id: k.id,
      label: k.label,
      workspace: k.workspace,
      createdAt: k.createdAt,
      expiresAt: k.expiresAt,
      status: k.revokedAt ? "revoked" : k.expiresAt <= now ? "expired" : "active",
    })),
  };
}
