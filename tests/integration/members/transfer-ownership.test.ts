import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { memberRoleBindingName } from "@/lib/tenancy/kube-names";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { addMember, createUser, signedInAs, teamWorkspace } from "../../support/factories";
import { auditEvents, roleOf } from "../../support/records";

const rbac = adminApi(k8s.RbacAuthorizationV1Api);

describe("transferring ownership", () => {
  it("makes the chosen member owner and the current owner admin, on the cluster too", async () => {
    const { owner, slug, workspace, ownerMembership, namespace } = await teamWorkspace();
    const { user: dev, membership } = await addMember(workspace.id, "DEVELOPER", { provision: true });
    await transferOwnership(await signedInAs(owner.id, slug, "workspace.transfer"), { membershipId: membership.id });

    expect(await roleOf(membership.id)).toBe("OWNER");
    expect(await roleOf(ownerMembership.id)).toBe("ADMIN");
    const roleRef = async (id: string) =>
      (await rbac.readNamespacedRoleBinding({ name: memberRoleBindingName(id), namespace })).roleRef.name;
    expect(await roleRef(membership.id)).toBe("canopy-owner");
    expect(await roleRef(ownerMembership.id)).toBe("canopy-admin");

    const [event] = await auditEvents(workspace.id, "workspace.transfer");
    expect(event).toMatchObject({
      actorId: owner.id,
      outcome: "SUCCESS",
      targetType: "membership",
      targetId: membership.id,
      details: { toUserId: dev.id, toPreviousRole: "DEVELOPER", fromUserId: owner.id, fromNewRole: "ADMIN" },
    });
    // The former owner is an admin now and can no longer transfer.
    await expect(signedInAs(owner.id, slug, "workspace.transfer")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is for owners only", async () => {
    const { slug, workspace, ownerMembership } = await teamWorkspace();
    const { user: admin } = await addMember(workspace.id, "ADMIN", { provision: true });
    await expect(signedInAs(admin.id, slug, "workspace.transfer")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await roleOf(ownerMembership.id)).toBe("OWNER");
  });

  it("refuses a member of another workspace, oneself, and a personal workspace", async () => {
    const mine = await teamWorkspace();
    const theirs = await teamWorkspace();
    const { membership: stranger } = await addMember(theirs.workspace.id, "ADMIN", { provision: true });
    const ctx = await signedInAs(mine.owner.id, mine.slug, "workspace.transfer");
    await expect(transferOwnership(ctx, { membershipId: stranger.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(transferOwnership(ctx, { membershipId: mine.ownerMembership.id })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { membershipId: [expect.any(String)] },
    });
    expect(await roleOf(stranger.id)).toBe("ADMIN");
    expect(await roleOf(mine.ownerMembership.id)).toBe("OWNER");

    const user = await createUser("Personal");
    const { slug } = await ensurePersonalWorkspace(user);
    const personal = await db().workspace.findUniqueOrThrow({ where: { slug } });
    const { membership: guest } = await addMember(personal.id, "DEVELOPER", { provision: true });
    await expect(
      transferOwnership(await signedInAs(user.id, slug, "workspace.transfer"), { membershipId: guest.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await roleOf(guest.id)).toBe("DEVELOPER");
  });
});
