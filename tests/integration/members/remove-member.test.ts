import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { MEMBERS_NAMESPACE, memberRoleBindingName, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { removeMember } from "@/lib/members/remove-member";
import { eventually, kubeConfigWithToken, statusOf } from "../../support/kube";
import { addMember, signedInAs, teamWorkspace } from "../../support/factories";
import { auditEvents, roleOf } from "../../support/records";

const core = adminApi(k8s.CoreV1Api);
const rbac = adminApi(k8s.RbacAuthorizationV1Api);

async function memberToken(membershipId: string): Promise<string> {
  const request = await core.createNamespacedServiceAccountToken({
    name: memberServiceAccountName(membershipId),
    namespace: MEMBERS_NAMESPACE,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  return request.status!.token;
}

describe("removing a member", () => {
  it("deletes their ServiceAccount and RoleBinding at once, so a token issued before stops working (401)", async () => {
    const { owner, slug, workspace, namespace } = await teamWorkspace();
    const { user: bob, membership } = await addMember(workspace.id, "DEVELOPER", { name: "Bob", provision: true });
    const token = await memberToken(membership.id);
    const asBob = kubeConfigWithToken(token).makeApiClient(k8s.CoreV1Api);
    // The apiserver's RBAC cache sees the new RoleBinding within moments of provisioning.
    await eventually("the member's token to work", () => asBob.listNamespacedConfigMap({ namespace }), 10_000);

    await removeMember(await signedInAs(owner.id, slug, "member.remove"), { membershipId: membership.id });

    expect(await db().membership.findUnique({ where: { id: membership.id } })).toBeNull();
    expect(
      await statusOf(() =>
        core.readNamespacedServiceAccount({
          name: memberServiceAccountName(membership.id),
          namespace: MEMBERS_NAMESPACE,
        }),
      ),
    ).toMatchObject({ code: 404 });
    expect(
      await statusOf(() => rbac.readNamespacedRoleBinding({ name: memberRoleBindingName(membership.id), namespace })),
    ).toMatchObject({ code: 404 });
    // The apiserver may answer from its token cache for a few seconds; then the token is dead.
    await eventually(
      "the removed member's token to be rejected",
      async () => {
        const status = await statusOf(() => asBob.listNamespacedConfigMap({ namespace }));
        return status?.code === 401 ? status : undefined;
      },
      30_000,
    );
    await expect(authorizeWorkspace({ userId: bob.id }, slug, "workspace.read")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const [event] = await auditEvents(workspace.id, "member.remove");
    expect(event).toMatchObject({
      actorId: owner.id,
      outcome: "SUCCESS",
      targetType: "membership",
      targetId: membership.id,
      details: { userId: bob.id, email: bob.email, role: "DEVELOPER" },
    });
  });

  it("lets an admin remove admins and below but not an owner", async () => {
    const { slug, workspace, ownerMembership } = await teamWorkspace();
    const { user: admin } = await addMember(workspace.id, "ADMIN", { provision: true });
    const { membership: otherAdmin } = await addMember(workspace.id, "ADMIN", { provision: true });
    const { membership: viewer } = await addMember(workspace.id, "VIEWER", { provision: true });
    const ctx = await signedInAs(admin.id, slug, "member.remove");

    await removeMember(ctx, { membershipId: viewer.id });
    await removeMember(ctx, { membershipId: otherAdmin.id });
    await expect(removeMember(ctx, { membershipId: ownerMembership.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await roleOf(ownerMembership.id)).toBe("OWNER");
    expect(await roleOf(viewer.id)).toBeUndefined();
    expect(await roleOf(otherAdmin.id)).toBeUndefined();
    const events = await db().auditEvent.findMany({
      where: { workspaceId: workspace.id, action: "member.remove" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.outcome, e.targetId])).toEqual([
      ["SUCCESS", viewer.id],
      ["SUCCESS", otherAdmin.id],
      ["DENIED", ownerMembership.id],
    ]);
  });

  it("lets an owner remove a co-owner, but sends anyone removing themselves to leave", async () => {
    const { owner, slug, workspace, ownerMembership } = await teamWorkspace();
    const { membership: coOwner } = await addMember(workspace.id, "OWNER", { provision: true });
    const ctx = await signedInAs(owner.id, slug, "member.remove");
    await expect(removeMember(ctx, { membershipId: ownerMembership.id })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await removeMember(ctx, { membershipId: coOwner.id });
    expect(await db().membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("refuses viewers and developers at the guard", async () => {
    const { slug, workspace } = await teamWorkspace();
    const { user: viewer } = await addMember(workspace.id, "VIEWER", { provision: true });
    const { user: developer } = await addMember(workspace.id, "DEVELOPER", { provision: true });
    for (const user of [viewer, developer]) {
      await expect(signedInAs(user.id, slug, "member.remove")).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const denied = await db().auditEvent.count({
      where: { workspaceId: workspace.id, action: "member.remove", outcome: "DENIED" },
    });
    expect(denied).toBe(2);
  });

  it("treats a membership id from another workspace as not found and leaves it alone", async () => {
    const mine = await teamWorkspace();
    const theirs = await teamWorkspace();
    const { membership: stranger } = await addMember(theirs.workspace.id, "VIEWER", { provision: true });
    const ctx = await signedInAs(mine.owner.id, mine.slug, "member.remove");
    await expect(removeMember(ctx, { membershipId: stranger.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await roleOf(stranger.id)).toBe("VIEWER");
    await expect(
      core.readNamespacedServiceAccount({ name: memberServiceAccountName(stranger.id), namespace: MEMBERS_NAMESPACE }),
    ).resolves.toBeDefined();
  });
});
