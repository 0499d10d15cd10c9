import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { accountOverview } from "@/lib/account/account-overview";
import { endOtherSessions } from "@/lib/account/end-other-sessions";
import { addMember, createUser, teamWorkspace } from "../../support/factories";

// The account page's rules: a user sees only their own providers, sessions and kubeconfigs
// (across workspaces they still belong to), and signing out the other sessions keeps this one.

const inAnHour = () => new Date(Date.now() + 3_600_000);

async function session(userId: string) {
  const token = randomBytes(16).toString("hex");
  await db().session.create({ data: { userId, sessionToken: token, expires: inAnHour() } });
  return token;
}

describe("the account", () => {
  it("lists the user's own providers, sessions and kubeconfigs in every workspace", async () => {
    const { workspace: team1 } = await teamWorkspace({ prefix: "acct" });
    const { workspace: team2 } = await teamWorkspace({ prefix: "acct" });
    const { user, membership: m1 } = await addMember(team1.id, "DEVELOPER");
    const m2 = await db().membership.create({ data: { workspaceId: team2.id, userId: user.id, role: "VIEWER" } });
    const { user: other, membership: otherMembership } = await addMember(team1.id, "DEVELOPER");
    await db().account.create({
      data: { userId: user.id, type: "oidc", provider: "dev", providerAccountId: `dev-${user.id}` },
    });
    const credential = (membershipId: string, userId: string, workspaceId: string, label: string) =>
      db().kubeconfigCredential.create({
        data: {
          workspaceId,
          membershipId,
          userId,
          label,
          secretName: `kc-${randomBytes(6).toString("hex")}`,
          expiresAt: inAnHour(),
        },
      });
    await credential(m1.id, user.id, team1.id, "laptop");
    await credential(m2.id, user.id, team2.id, "ci");
    await credential(otherMembership.id, other.id, team1.id, "someone else's");
    const here = await session(user.id);
    await session(user.id);

    const account = await accountOverview({ userId: user.id }, here);
    expect(account.profile.email).toBe(user.email);
    expect(account.providers).toEqual([{ provider: "dev", accountId: expect.stringContaining("…") }]);
    expect(account.sessions.map((s) => s.current).sort()).toEqual([false, true]);
    expect(account.kubeconfigs.map((k) => `${k.label}@${k.workspace.slug}`).sort()).toEqual(
      [`ci@${team2.slug}`, `laptop@${team1.slug}`].sort(),
    );

    // Removed from team2: its kubeconfig no longer shows.
    await db().membership.delete({ where: { id: m2.id } });
    expect((await accountOverview({ userId: user.id }, here)).kubeconfigs.map((k) => k.label)).toEqual(["laptop"]);
  });

  it("signs out the user's other sessions, keeps this one, and touches nobody else's", async () => {
    const [user, other] = [await createUser("Many"), await createUser("Other")];
    const here = await session(user.id);
    await session(user.id);
    await session(user.id);
    await session(other.id);

    const refused = await endOtherSessions({ userId: user.id }, null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(3);

    expect(await endOtherSessions({ userId: user.id }, here)).toBe(2);
    const left = await db().session.findMany({ where: { userId: user.id } });
    expect(left.map((s) => s.sessionToken)).toEqual([here]);
    expect(await db().session.count({ where: { userId: other.id } })).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { actorId: user.id, action: "account.endOtherSessions" },
    });
    expect(audit.details).toEqual({ sessions: 2 });
  });
});
