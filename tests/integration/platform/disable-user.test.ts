import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { UnsecuredJWT } from "jose";
import type { Account } from "next-auth";
import { describe, expect, it } from "vitest";
import { sessionAdapter } from "@/lib/auth/session-adapter";
import { checkSignIn } from "@/lib/auth/sign-in-refusals";
import { env } from "@/lib/config/env";
import { terminalAccessCheck } from "@/lib/terminal/access-check";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { db } from "@/lib/db/client";
import { disableUser, enableUser } from "@/lib/platform/disable-user";
import { userDetail } from "@/lib/platform/user-detail";
import { createPlatformAdmin, signedInAs, signedInMember, teamWorkspace } from "../../support/factories";
import { statusOf } from "../../support/kube";
import { createSession } from "../../support/session";

// Disabling a user signs them out everywhere, refuses their sign-in and the workspace guard,
// and revokes every kubeconfig they hold, in every workspace, within seconds (the measured
// delay is logged); memberships stay, and enabling gives back everything but the kubeconfigs.

function devAccount(email: string): Account {
  return {
    provider: "dev",
    type: "oauth",
    providerAccountId: randomBytes(6).toString("hex"),
    id_token: new UnsecuredJWT({ email, email_verified: true }).encode(),
  };
}

function podsWith(kubeconfig: string, namespace: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  return () => core.listNamespacedPod({ namespace });
}

/** Polls until the call is refused with 401; returns how long that took after `since`. */
async function refusedAfter(call: () => Promise<unknown>, since: number): Promise<number> {
  for (;;) {
    const status = await statusOf(call);
    if (status?.code === 401) return Date.now() - since;
    if (Date.now() - since > 30_000) throw new Error(`still answered (${JSON.stringify(status)}) 30 s after disabling`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("disabling a user", () => {
  it("ends their sessions, refuses sign-in and the guard, and revokes every kubeconfig within seconds", async () => {
    const admin = await createPlatformAdmin();
    const context = await authorizePlatform({ userId: admin.id }, "platform.users.write");
    const a = await teamWorkspace({ prefix: "dis-a" });
    const member = await signedInMember(a.workspace, "DEVELOPER", "kubeconfig.issue", { provision: true });
    const userId = member.actor.userId;
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    // The same person in a second workspace, with a kubeconfig there too.
    const b = await teamWorkspace({ prefix: "dis-b" });
    await db().membership.create({ data: { workspaceId: b.workspace.id, userId, role: "VIEWER" } });
    const { provisionWorkspace } = await import("@/lib/tenancy/provision-workspace");
    await provisionWorkspace(b.workspace.id);
    const inB = await signedInAs(userId, b.slug, "kubeconfig.issue");

    const listA = podsWith((await issueKubeconfig(member, { label: "a", lifetimeHours: 1 })).kubeconfig, a.namespace);
    const listB = podsWith((await issueKubeconfig(inB, { label: "b", lifetimeHours: 1 })).kubeconfig, b.namespace);
    const account = devAccount(user.email!);
    await db().account.create({
      data: { userId, type: "oauth", provider: account.provider, providerAccountId: account.providerAccountId },
    });
    const session = await createSession(userId, env().NEXTAUTH_URL);
    const terminal = terminalAccessCheck(session.cookie, { userId }, a.slug);
    // Positive controls: everything works before.
    await expect(listA()).resolves.toBeDefined();
    await expect(listB()).resolves.toBeDefined();
    expect((await sessionAdapter().getSessionAndUser!(session.sessionToken))?.user.id).toBe(userId);
    expect(await checkSignIn(account, { email: user.email })).toBe(true);
    expect(await terminal()).toBeNull();

    const started = Date.now();
    const result = await disableUser(context, { userId, reason: "left the company" });
    const [delayA, delayB] = await Promise.all([refusedAfter(listA, started), refusedAfter(listB, started)]);
    console.info(`kubeconfigs refused ${delayA} ms and ${delayB} ms after disabling began`);
    expect(result).toEqual({ sessionsEnded: 1, kubeconfigsRevoked: 2 });

    expect(await db().session.count({ where: { userId } })).toBe(0);
    expect(await sessionAdapter().getSessionAndUser!(session.sessionToken)).toBeNull();
    // An open web terminal closes at its next check (every 3 s).
    expect(await terminal()).toMatch(/^Your session has ended/);
    expect(await checkSignIn(account, { email: user.email })).toMatch(/\/signin\?error=AccountDisabled$/);
    await expect(authorizeWorkspace({ userId }, a.slug, "workspace.read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().membership.count({ where: { userId } })).toBe(2);
    const detail = await userDetail(userId);
    expect(detail).toMatchObject({ sessions: 0, liveKubeconfigs: 0 });
    expect(detail.disabledAt).toBeInstanceOf(Date);
    expect(detail.workspaces.map((w) => [w.slug, w.role])).toEqual([
      [a.slug, "DEVELOPER"],
      [b.slug, "VIEWER"],
    ]);
    const audit = await db().platformAuditEvent.findFirstOrThrow({
      where: { action: "platform.user.disable", targetId: userId },
    });
    expect(audit).toMatchObject({ actorId: admin.id, outcome: "SUCCESS" });
    expect(audit.details).toMatchObject({ reason: "left the company", sessionsEnded: 1, kubeconfigsRevoked: 2 });

    await enableUser(context, { userId });
    await expect(authorizeWorkspace({ userId }, a.slug, "workspace.read")).resolves.toBeDefined();
    expect(await checkSignIn(account, { email: user.email })).toBe(true);
    expect((await statusOf(listA))?.code).toBe(401);
  });

  it("refuses to disable oneself and leaves the account as it was", async () => {
    const admin = await createPlatformAdmin();
    const context = await authorizePlatform({ userId: admin.id }, "platform.users.write");
    await expect(disableUser(context, { userId: admin.id, reason: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
    // Positive control: another administrator can be disabled while others remain.
    const other = await createPlatformAdmin();
    await expect(disableUser(context, { userId: other.id, reason: "" })).resolves.toEqual({
      sessionsEnded: 0,
      kubeconfigsRevoked: 0,
    });
    await expect(authorizePlatform({ userId: other.id }, "platform.read")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
