import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { inviteMember } from "@/lib/invitations/invite-member";
import { adminApi } from "@/lib/kube/client";
import { workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { createUser, teamWorkspace, uniqueSlug } from "../../support/factories";
import { statusOf } from "../../support/kube";

// Count-then-insert limits must hold when an adversary fires the same request many times
// at once: exactly the allowed number succeed, the rest fail cleanly, nothing is orphaned.

const core = adminApi(k8s.CoreV1Api);

function outcomes<T>(results: PromiseSettledResult<T>[]) {
  return {
    ok: results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value),
    errors: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason),
  };
}

describe("limits under concurrent requests", () => {
  it("holds the team-workspace limit per user, leaving no rows or namespaces for the refused", async () => {
    const limit = env().CANOPY_MAX_TEAM_WORKSPACES_PER_USER;
    const user = await createUser("Racer");
    const slugs = Array.from({ length: limit + 3 }, () => uniqueSlug("lim"));

    const { ok, errors } = outcomes(
      await Promise.allSettled(
        slugs.map((slug) => createTeamWorkspace({ userId: user.id }, { displayName: `Race ${slug}`, slug })),
      ),
    );

    // Positive control: the limit's worth of them succeeded, concurrently.
    expect(ok).toHaveLength(limit);
    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error).toMatchObject({ code: "LIMIT_REACHED", userMessage: expect.stringContaining(`at most ${limit}`) });
    }
    const rows = await db().workspace.findMany({ where: { createdById: user.id, kind: "TEAM" } });
    expect(rows).toHaveLength(limit);
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(limit);
    const refused = slugs.filter((slug) => !ok.some((w) => w.slug === slug));
    expect(await db().workspaceNamespace.count({ where: { name: { in: refused.map(workspaceNamespaceName) } } })).toBe(
      0,
    );
    for (const slug of refused) {
      expect(await statusOf(() => core.readNamespace({ name: workspaceNamespaceName(slug) }))).toMatchObject({
        code: 404,
      });
    }
  });

  it("writes exactly one open invitation (and one email) when the same address is invited at once", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const email = `${uniqueSlug("twice")}@example.test`;

    const { ok, errors } = outcomes(
      await Promise.allSettled(Array.from({ length: 6 }, () => inviteMember(context, { email, role: "DEVELOPER" }))),
    );

    expect(ok).toHaveLength(1);
    expect(errors).toHaveLength(5);
    for (const error of errors) {
      expect(error).toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { email: [expect.stringMatching(/open invitation/)] },
      });
    }
    expect(await db().invitation.count({ where: { workspaceId: context.workspace.id, email } })).toBe(1);
    expect(await db().outboundEmail.count({ where: { to: email } })).toBe(1);

    // Positive control: another address, at the same time as a repeat, is invited.
    const other = `${uniqueSlug("other")}@example.test`;
    const again = outcomes(
      await Promise.allSettled([
        inviteMember(context, { email: other, role: "VIEWER" }),
        inviteMember(context, { email, role: "DEVELOPER" }),
      ]),
    );
    expect(again.ok.map((i) => i.email)).toEqual([other]);
  });
});
