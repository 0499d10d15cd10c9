import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { MEMBERS_NAMESPACE, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { leaveWorkspace } from "@/lib/members/leave-workspace";
import { statusOf } from "../../support/kube";
import { addMember, createUser, signedInAs, teamWorkspace } from "../../support/factories";
import { auditEvents, roleOf } from "../../support/records";

const core = adminApi(k8s.CoreV1Api);

describe("leaving a workspace", () => {
  it("ends the membership and the member's cluster identity", async () => {
    const { slug, workspace } = await teamWorkspace();
    const { user, membership } = await addMember(workspace.id, "VIEWER", { provision: true });
    await leaveWorkspace(await signedInAs(user.id, slug, "member.leave"));

    expect(await roleOf(membership.id)).toBeUndefined();
    expect(
      await statusOf(() =>
        core.readNamespacedServiceAccount({
          name: memberServiceAccountName(membership.id),
          namespace: MEMBERS_NAMESPACE,
        }),
      ),
    ).toMatchObject({ code: 404 });
    await expect(authorizeWorkspace({ userId: user.id }, slug, "workspace.read")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [event] = await auditEvents(workspace.id, "member.leave");
    expect(event).toMatchObject({
      actorId: user.id,
      outcome: "SUCCESS",
      targetType: "membership",
      targetId: membership.id,
      details: { userId: user.id, role: "VIEWER" },
    });
  });

  it("refuses the last owner, and lets an owner go once there is another", async () => {
    const { owner, slug, workspace, ownerMembership } = await teamWorkspace();
    await expect(leaveWorkspace(await signedInAs(owner.id, slug, "member.leave"))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await roleOf(ownerMembership.id)).toBe("OWNER");

    await addMember(workspace.id, "OWNER", { provision: true });
    await leaveWorkspace(await signedInAs(owner.id, slug, "member.leave"));
    expect(await roleOf(ownerMembership.id)).toBeUndefined();
  });

  it("keeps one owner when both owners leave at the same moment", async () => {
    const { owner, slug, workspace } = await teamWorkspace();
    const { user: second } = await addMember(workspace.id, "OWNER", { provision: true });
    const contexts = await Promise.all([
      signedInAs(owner.id, slug, "member.leave"),
      signedInAs(second.id, slug, "member.leave"),
    ]);
    const results = await Promise.allSettled(contexts.map((ctx) => leaveWorkspace(ctx)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db().membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("refuses to let a user leave their personal workspace, but lets a guest leave it", async () => {
    const user = await createUser("Personal");
    const { slug } = await ensurePersonalWorkspace(user);
    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
    const { user: guest, membership: guestMembership } = await addMember(workspace.id, "OWNER", { provision: true });

    await expect(leaveWorkspace(await signedInAs(user.id, slug, "member.leave"))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await leaveWorkspace(await signedInAs(guest.id, slug, "member.leave"));
    expect(await roleOf(guestMembership.id)).toBeUndefined();
    expect(await db().membership.count({ where: { workspaceId: workspace.id, userId: user.id } })).toBe(1);
  });
});
