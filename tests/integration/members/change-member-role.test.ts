import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi, memberApi } from "@/lib/kube/client";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { changeMemberRole, changeMemberRoleInput } from "@/lib/members/change-member-role";
import { memberRoleBindingName, memberUsername } from "@/lib/tenancy/kube-names";
import { eventually, statusOf } from "../../support/kube";
import { addMember, createUser, signedInAs, teamWorkspace } from "../../support/factories";
import { auditEvents, roleOf } from "../../support/records";

const rbac = adminApi(k8s.RbacAuthorizationV1Api);

function configMap(name: string): k8s.V1ConfigMap {
  return { metadata: { name }, data: { hello: "world" } };
}

describe("changing a member's role", () => {
  it("replaces the RoleBinding at once: a viewer cannot create a ConfigMap, the same member promoted to developer can", async () => {
    const { owner, slug, workspace, namespace } = await teamWorkspace();
    const { user: bob, membership } = await addMember(workspace.id, "VIEWER", { name: "Bob", provision: true });
    const asBob = memberApi(memberUsername(membership.id), k8s.CoreV1Api);
    // The viewer's binding is in effect (RBAC's cache follows a new binding within moments)...
    await eventually("the viewer to read ConfigMaps", () => asBob.listNamespacedConfigMap({ namespace }), 10_000);
    // ...and a viewer may not write.
    expect(await statusOf(() => asBob.createNamespacedConfigMap({ namespace, body: configMap("before") }))).toEqual({
      code: 403,
      reason: "Forbidden",
    });

    const ctx = await signedInAs(owner.id, slug, "member.changeRole");
    await expect(changeMemberRole(ctx, { membershipId: membership.id, role: "DEVELOPER" })).resolves.toEqual({
      changed: true,
    });

    const binding = await rbac.readNamespacedRoleBinding({ name: memberRoleBindingName(membership.id), namespace });
    expect(binding.roleRef.name).toBe("canopy-developer");
    // The binding is replaced before changeMemberRole returns; the authorizer's watch
    // catches up within moments, so allow a short window rather than a fixed sleep.
    const created = await eventually(
      "the developer to create a ConfigMap",
      () => asBob.createNamespacedConfigMap({ namespace, body: configMap("after") }),
      10_000,
    );
    expect(created.metadata?.name).toBe("after");

    const [event] = await auditEvents(workspace.id, "member.changeRole");
    expect(event).toMatchObject({
      actorId: owner.id,
      outcome: "SUCCESS",
      targetType: "membership",
      targetId: membership.id,
      details: { userId: bob.id, email: bob.email, from: "VIEWER", to: "DEVELOPER" },
    });
  });

  it("lets an owner make another member owner, and treats the same role as no change", async () => {
    const { owner, slug, workspace } = await teamWorkspace();
    const { membership } = await addMember(workspace.id, "ADMIN", { provision: true });
    const ctx = await signedInAs(owner.id, slug, "member.changeRole");
    await expect(changeMemberRole(ctx, { membershipId: membership.id, role: "OWNER" })).resolves.toEqual({
      changed: true,
    });
    expect(await roleOf(membership.id)).toBe("OWNER");
    await expect(changeMemberRole(ctx, { membershipId: membership.id, role: "OWNER" })).resolves.toEqual({
      changed: false,
    });
    expect(await auditEvents(workspace.id, "member.changeRole")).toHaveLength(1);
  });

  it("lets an admin manage admins and below, but never an owner, and never hand out owner", async () => {
    const { slug, workspace, ownerMembership } = await teamWorkspace();
    const { user: admin } = await addMember(workspace.id, "ADMIN", { provision: true });
    const { membership: otherAdmin } = await addMember(workspace.id, "ADMIN", { provision: true });
    const { membership: developer } = await addMember(workspace.id, "DEVELOPER", { provision: true });
    const ctx = await signedInAs(admin.id, slug, "member.changeRole");

    await expect(changeMemberRole(ctx, { membershipId: developer.id, role: "ADMIN" })).resolves.toEqual({
      changed: true,
    });
    await expect(changeMemberRole(ctx, { membershipId: otherAdmin.id, role: "VIEWER" })).resolves.toEqual({
      changed: true,
    });
    await expect(changeMemberRole(ctx, { membershipId: ownerMembership.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(changeMemberRole(ctx, { membershipId: developer.id, role: "OWNER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await roleOf(ownerMembership.id)).toBe("OWNER");
    expect(await roleOf(developer.id)).toBe("ADMIN");

    const denied = await db().auditEvent.findMany({
      where: { workspaceId: workspace.id, action: "member.changeRole", outcome: "DENIED" },
      orderBy: { id: "asc" },
    });
    expect(denied.map((e) => e.targetId)).toEqual([ownerMembership.id, developer.id]);
  });

  it("refuses viewers and developers at the guard", async () => {
    const { slug, workspace } = await teamWorkspace();
    const { user: viewer } = await addMember(workspace.id, "VIEWER", { provision: true });
    const { user: developer } = await addMember(workspace.id, "DEVELOPER", { provision: true });
    for (const user of [viewer, developer]) {
      await expect(signedInAs(user.id, slug, "member.changeRole")).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("treats a membership id from another workspace as not found", async () => {
    const mine = await teamWorkspace();
    const theirs = await teamWorkspace();
    const { membership: stranger } = await addMember(theirs.workspace.id, "VIEWER", { provision: true });
    const ctx = await signedInAs(mine.owner.id, mine.slug, "member.changeRole");
    for (const membershipId of [stranger.id, theirs.ownerMembership.id, "does-not-exist"]) {
      await expect(changeMemberRole(ctx, { membershipId, role: "DEVELOPER" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(await roleOf(stranger.id)).toBe("VIEWER");
    expect(await roleOf(theirs.ownerMembership.id)).toBe("OWNER");
  });

  it("never demotes the last owner", async () => {
    const { owner, slug, ownerMembership } = await teamWorkspace();
    const ctx = await signedInAs(owner.id, slug, "member.changeRole");
    await expect(changeMemberRole(ctx, { membershipId: ownerMembership.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await roleOf(ownerMembership.id)).toBe("OWNER");
  });

  it("keeps one owner when two owners demote themselves at the same moment", async () => {
    const { owner, slug, workspace, ownerMembership } = await teamWorkspace();
    const { user: second, membership: secondMembership } = await addMember(workspace.id, "OWNER", { provision: true });
    const [ctxA, ctxB] = await Promise.all([
      signedInAs(owner.id, slug, "member.changeRole"),
      signedInAs(second.id, slug, "member.changeRole"),
    ]);
    const results = await Promise.allSettled([
      changeMemberRole(ctxA, { membershipId: ownerMembership.id, role: "ADMIN" }),
      changeMemberRole(ctxB, { membershipId: secondMembership.id, role: "ADMIN" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db().membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("keeps one owner when two owners demote each other at the same moment", async () => {
    const { owner, slug, workspace, ownerMembership } = await teamWorkspace();
    const { user: second, membership: secondMembership } = await addMember(workspace.id, "OWNER", { provision: true });
    const [ctxA, ctxB] = await Promise.all([
      signedInAs(owner.id, slug, "member.changeRole"),
      signedInAs(second.id, slug, "member.changeRole"),
    ]);
    const results = await Promise.allSettled([
      changeMemberRole(ctxA, { membershipId: secondMembership.id, role: "DEVELOPER" }),
      changeMemberRole(ctxB, { membershipId: ownerMembership.id, role: "DEVELOPER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
  });

  it("never changes the owner of a personal workspace, even when asked by a co-owner", async () => {
    const user = await createUser("Personal");
    const { slug } = await ensurePersonalWorkspace(user);
    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
    const { user: coOwner } = await addMember(workspace.id, "OWNER", { provision: true });
    const personal = await db().membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: user.id } });
    const ctx = await signedInAs(coOwner.id, slug, "member.changeRole");
    await expect(changeMemberRole(ctx, { membershipId: personal.id, role: "VIEWER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await roleOf(personal.id)).toBe("OWNER");
  });

  it("accepts only known roles", () => {
    expect(changeMemberRoleInput.safeParse({ membershipId: "m1", role: "SUPERUSER" }).success).toBe(false);
    expect(changeMemberRoleInput.safeParse({ membershipId: "", role: "VIEWER" }).success).toBe(false);
    expect(changeMemberRoleInput.parse({ membershipId: "m1", role: "VIEWER" })).toEqual({
      membershipId: "m1",
      role: "VIEWER",
    });
  });
});
