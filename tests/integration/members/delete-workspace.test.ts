import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { adminApi } from "@/lib/kube/client";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { deleteWorkspace } from "@/lib/workspaces/delete-workspace";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import { MEMBERS_NAMESPACE, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { listUserWorkspaces } from "@/lib/workspaces/list-workspaces";
import { eventually, kubeConfigWithToken, namespaceRemoved, statusOf } from "../../support/kube";
import { addMember, createUser, signedInAs, teamWorkspace } from "../../support/factories";
import { auditEvents } from "../../support/records";

const core = adminApi(k8s.CoreV1Api);

async function pendingInvitation(workspaceId: string, invitedById: string) {
  return db().invitation.create({
    data: {
      workspaceId,
      invitedById,
      email: `guest.${randomBytes(4).toString("hex")}@canopy.test`,
      role: "DEVELOPER",
      tokenHash: randomBytes(32).toString("hex"),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
}

async function memberAccounts(workspaceId: string) {
  const list = await core.listNamespacedServiceAccount({
    namespace: MEMBERS_NAMESPACE,
    labelSelector: `${WORKSPACE_ID_LABEL}=${workspaceId}`,
  });
  return list.items;
}

async function memberSecrets(workspaceId: string) {
  const list = await core.listNamespacedSecret({
    namespace: MEMBERS_NAMESPACE,
    labelSelector: `${WORKSPACE_ID_LABEL}=${workspaceId}`,
  });
  return list.items;
}

describe("deleting a workspace", () => {
  it("ends memberships and invitations, deletes the namespace and member identities, and marks it DELETED", async () => {
    const { owner, slug, workspace, namespace } = await teamWorkspace();
    const { user: member } = await addMember(workspace.id, "DEVELOPER", { provision: true });
    const invitation = await pendingInvitation(workspace.id, owner.id);
    expect(await memberAccounts(workspace.id)).toHaveLength(2);
    const issued = await issueKubeconfig(await signedInAs(member.id, slug, "kubeconfig.issue"), {
      label: "laptop",
      lifetimeHours: 1,
    });
    const memberKube = new k8s.KubeConfig();
    memberKube.loadFromString(issued.kubeconfig);
    const asMember = kubeConfigWithToken(memberKube.getCurrentUser()!.token!).makeApiClient(k8s.CoreV1Api);
    await expect(asMember.listNamespacedConfigMap({ namespace })).resolves.toBeDefined();

    const ctx = await signedInAs(owner.id, slug, "workspace.delete");
    await expect(deleteWorkspace(ctx, { confirmSlug: slug })).resolves.toEqual({ finished: true });

    const after = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    expect(after.status).toBe("DELETED");
    expect(after.deletedAt).toBeInstanceOf(Date);
    expect(await db().membership.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeInstanceOf(Date);
    expect(await namespaceRemoved(namespace)).toBe(true);
    expect(await memberAccounts(workspace.id)).toEqual([]);
    expect(await memberSecrets(workspace.id)).toEqual([]);
    // The member's kubeconfig dies with their ServiceAccount (after the apiserver's token cache).
    await eventually(
      "the deleted workspace's kubeconfig to be rejected",
      async () => ((await statusOf(() => asMember.listNamespacedPod({ namespace })))?.code === 401 ? true : undefined),
      30_000,
    );

    for (const user of [owner, member]) {
      await expect(authorizeWorkspace({ userId: user.id }, slug, "workspace.read")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect((await listUserWorkspaces(user.id)).map((w) => w.slug)).not.toContain(slug);
    }
    const [event] = await auditEvents(workspace.id, "workspace.delete");
    expect(event).toMatchObject({
      actorId: owner.id,
      outcome: "SUCCESS",
      targetType: "workspace",
      targetId: workspace.id,
      details: { slug, namespace, membershipsEnded: 2, invitationsRevoked: 1 },
    });
  });

  it("refuses a confirmation that is not the slug, naming the field, and changes nothing", async () => {
    const { owner, slug, workspace, namespace } = await teamWorkspace();
    const ctx = await signedInAs(owner.id, slug, "workspace.delete");
    for (const confirmSlug of ["", `${slug}x`, slug.toUpperCase(), `Team ${slug}`]) {
      await expect(deleteWorkspace(ctx, { confirmSlug })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { confirmSlug: [expect.stringContaining(slug)] },
      });
    }
    const after = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    expect(after).toMatchObject({ status: "READY", deletedAt: null });
    expect(await namespaceRemoved(namespace)).toBe(false);
    expect(await auditEvents(workspace.id, "workspace.delete")).toEqual([]);
  });

  it("refuses a personal workspace", async () => {
    const user = await createUser("Personal");
    const { slug } = await ensurePersonalWorkspace(user);
    const ctx = await signedInAs(user.id, slug, "workspace.delete");
    await expect(deleteWorkspace(ctx, { confirmSlug: slug })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await db().workspace.findUniqueOrThrow({ where: { slug } });
    expect(after).toMatchObject({ status: "READY", deletedAt: null });
  });

  it("is for owners only", async () => {
    const { slug, workspace } = await teamWorkspace();
    const { user: admin } = await addMember(workspace.id, "ADMIN", { provision: true });
    await expect(signedInAs(admin.id, slug, "workspace.delete")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("finishes a deletion left DELETING, is idempotent, and refuses a live workspace", async () => {
    const { workspace, namespace } = await teamWorkspace();
    await expect(finishWorkspaceDeletion(workspace.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await namespaceRemoved(namespace)).toBe(false);

    // As if the portal stopped right after the transaction committed.
    await db().workspace.update({ where: { id: workspace.id }, data: { status: "DELETING", deletedAt: new Date() } });
    await db().membership.deleteMany({ where: { workspaceId: workspace.id } });
    await finishWorkspaceDeletion(workspace.id);
    await finishWorkspaceDeletion(workspace.id);
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).status).toBe("DELETED");
    expect(await namespaceRemoved(namespace)).toBe(true);
    expect(await memberAccounts(workspace.id)).toEqual([]);

    // Also when the namespace is already on its way out and the status was not yet written.
    await db().workspace.update({ where: { id: workspace.id }, data: { status: "DELETING" } });
    await finishWorkspaceDeletion(workspace.id);
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).status).toBe("DELETED");
    await expect(finishWorkspaceDeletion(workspace.id)).resolves.toBeUndefined();
  });
});
