import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { env } from "@/lib/config/env";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { db } from "@/lib/db/client";
import { inviteMember } from "@/lib/invitations/invite-member";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { adminApi } from "@/lib/kube/client";
import { CREDENTIAL_OF_LABEL, MEMBERS_NAMESPACE } from "@/lib/tenancy/kube-names";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { addMember, createUser, teamWorkspace, uniqueSlug } from "../../support/factories";

// The rate limits run here with their real (default) values: an adversary fires the
// costly action faster than allowed, concurrently; exactly the allowed number go through,
// the rest are refused with when to try again, audited, and leave nothing behind.

const core = adminApi(k8s.CoreV1Api);

function settle<T>(results: PromiseSettledResult<T>[]) {
  return {
    ok: results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value),
    errors: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason),
  };
}

const refusal = (what: RegExp) => ({
  code: "RATE_LIMITED",
  status: 429,
  userMessage: expect.stringMatching(new RegExp(`${what.source} Try again in \\d+ s\\.$`)),
  retryAfterSeconds: expect.any(Number),
});

async function deniedEvents(where: { workspaceId?: string | null; actorId?: string; action: string }) {
  const events = await db().auditEvent.findMany({ where: { ...where, outcome: "DENIED" }, orderBy: { id: "asc" } });
  return events.filter((e) => (e.details as { reason?: string }).reason === "rate limit");
}

describe("rate limits", () => {
  it("issues at most the per-user number of kubeconfigs, however many are asked for at once", async () => {
    const limit = env().CANOPY_RATE_LIMIT_KUBECONFIG_PER_USER;
    const { context } = await teamWorkspace({ permission: "kubeconfig.issue" });

    const { ok, errors } = settle(
      await Promise.allSettled(
        Array.from({ length: limit.capacity + 5 }, (_, i) =>
          issueKubeconfig(context, { label: `burst ${i}`, lifetimeHours: 1 }),
        ),
      ),
    );

    expect(ok).toHaveLength(limit.capacity);
    expect(errors).toHaveLength(5);
    const perToken = limit.windowSeconds / limit.capacity;
    for (const error of errors) {
      expect(error).toMatchObject(refusal(/You have issued too many kubeconfigs recently\./));
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(perToken));
    }
    // Nothing of the refused ones: one row and one Secret per issued kubeconfig.
    expect(await db().kubeconfigCredential.count({ where: { membershipId: context.membership.id } })).toBe(
      limit.capacity,
    );
    const secrets = await core.listNamespacedSecret({
      namespace: MEMBERS_NAMESPACE,
      labelSelector: `${CREDENTIAL_OF_LABEL}=${context.membership.id}`,
    });
    expect(secrets.items).toHaveLength(limit.capacity);
    // The first refusal of the run is audited (not every one: hammering cannot flood the log).
    const denied = await deniedEvents({ workspaceId: context.workspace.id, action: "kubeconfig.issue" });
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actorId: context.actor.userId, details: { per: "user", refusedInRow: 1 } });

    // Positive control: another member of the same workspace still gets one.
    const other = await addMember(context.workspace.id, "DEVELOPER", { provision: true });
    const otherContext = await authorizeWorkspace(
      { userId: other.user.id },
      context.workspace.slug,
      "kubeconfig.issue",
    );
    await expect(issueKubeconfig(otherContext, { label: "mine", lifetimeHours: 1 })).resolves.toMatchObject({
      kubeconfig: expect.stringContaining("token:"),
    });
  });

  it("limits invitations and resends per user and per workspace", async () => {
    const perUser = env().CANOPY_RATE_LIMIT_INVITATIONS_PER_USER.capacity;
    const perWorkspace = env().CANOPY_RATE_LIMIT_INVITATIONS_PER_WORKSPACE.capacity;
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const email = () => `${uniqueSlug("rl")}@example.test`;

    const first = settle(
      await Promise.allSettled(
        Array.from({ length: perUser + 3 }, () => inviteMember(context, { email: email(), role: "VIEWER" })),
      ),
    );
    expect(first.ok).toHaveLength(perUser);
    for (const error of first.errors)
      expect(error).toMatchObject(refusal(/You have sent too many invitations recently\./));
    // A resend is an invitation sent too.
    await expect(resendInvitation(context, { invitationId: first.ok[0]!.invitationId })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(await db().invitation.count({ where: { workspaceId: context.workspace.id } })).toBe(perUser);
    expect(await deniedEvents({ workspaceId: context.workspace.id, action: "invitation.create" })).toHaveLength(1);

    // Other admins share the workspace's limit: together they reach it, and no further.
    let sent = perUser;
    while (sent < perWorkspace) {
      const admin = await addMember(context.workspace.id, "ADMIN");
      const adminContext = await authorizeWorkspace({ userId: admin.user.id }, context.workspace.slug, "member.invite");
      const batch = Math.min(perUser, perWorkspace - sent);
      for (let i = 0; i < batch; i++) await inviteMember(adminContext, { email: email(), role: "VIEWER" });
      sent += batch;
    }
    const late = await addMember(context.workspace.id, "ADMIN");
    const lateContext = await authorizeWorkspace({ userId: late.user.id }, context.workspace.slug, "member.invite");
    await expect(inviteMember(lateContext, { email: email(), role: "VIEWER" })).rejects.toMatchObject(
      refusal(/Too many invitations were sent from this workspace recently\./),
    );
    expect(await db().invitation.count({ where: { workspaceId: context.workspace.id } })).toBe(perWorkspace);

    // Positive control: the same person invites from another workspace of theirs.
    const elsewhere = await teamWorkspace({ permission: "member.invite" });
    await db().membership.create({
      data: { workspaceId: elsewhere.workspace.id, userId: late.user.id, role: "ADMIN" },
    });
    const elsewhereContext = await authorizeWorkspace({ userId: late.user.id }, elsewhere.slug, "member.invite");
    await expect(inviteMember(elsewhereContext, { email: email(), role: "VIEWER" })).resolves.toMatchObject({
      role: "VIEWER",
    });
  });

  it("limits workspace creation attempts per user, before anything is written", async () => {
    const limit = env().CANOPY_RATE_LIMIT_WORKSPACE_CREATE_PER_USER.capacity;
    const user = await createUser("Creator");
    // Attempts count whether or not they succeed: after the team-workspace limit, refused
    // attempts still use the budget, and then the rate limit answers first.
    const results = [];
    for (let i = 0; i <= limit; i++) {
      results.push(
        await createTeamWorkspace({ userId: user.id }, { displayName: "Churn", slug: uniqueSlug("churn") }).then(
          () => "created",
          (error: { code: string }) => error.code,
        ),
      );
    }
    const teamLimit = env().CANOPY_MAX_TEAM_WORKSPACES_PER_USER;
    expect(results).toEqual([
      ...Array(Math.min(teamLimit, limit)).fill("created"),
      ...Array(Math.max(0, limit - teamLimit)).fill("LIMIT_REACHED"),
      "RATE_LIMITED",
    ]);
    expect(await deniedEvents({ workspaceId: null, actorId: user.id, action: "workspace.create" })).toHaveLength(1);
  });

  it("holds across processes: three processes at once take exactly the bucket's tokens", async () => {
    const key = `test:cross-process:${randomBytes(6).toString("hex")}`;
    const child = fileURLToPath(new URL("../../support/rate-limit-child.ts", import.meta.url));
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const proc = spawn(process.execPath, ["--import", "tsx", child, key, "10", "3600", "8"], {
          env: process.env,
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
        proc.on("exit", (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!).allowed) : reject(new Error(out)),
        );
      });
    const allowed = await Promise.all([run(), run(), run()]);
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(10);
  });
});
