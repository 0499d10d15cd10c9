import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reconcileAll } from "@/lib/tenancy/reconcile";
import {
  INSTANCE_LABEL,
  canopyInstance,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MEMBERS_NAMESPACE,
  QUOTA_NAME,
  WORKSPACE_ID_LABEL,
  workspaceNamespaceName,
} from "@/lib/tenancy/kube-names";
import { createUser, uniqueSlug } from "../../support/factories";
import { namespaceRemoved, specWritesOf, statusOf } from "../../support/kube";
import { core, matchesBundle, provisionedWorkspace, tamper } from "./support";

const managedLabels = (workspaceId: string) => ({
  [MANAGED_BY_LABEL]: MANAGED_BY,
  [INSTANCE_LABEL]: canopyInstance(),
  [WORKSPACE_ID_LABEL]: workspaceId,
});

/** A workspace row as a crashed create leaves it: in PostgreSQL, nothing on the cluster yet. */
async function unprovisionedWorkspace(namespace?: string) {
  const owner = await createUser("Unprovisioned");
  const slug = uniqueSlug("rec");
  return db().workspace.create({
    data: {
      slug,
      displayName: "Unprovisioned",
      kind: "TEAM",
      planId: "team",
      createdById: owner.id,
      namespaces: { create: { name: namespace ?? workspaceNamespaceName(slug) } },
      memberships: { create: { userId: owner.id, role: "OWNER" } },
    },
    include: { namespaces: true },
  });
}

function failuresOf(summary: Awaited<ReturnType<typeof reconcileAll>>, workspaceId: string) {
  return summary.failed.filter((f) => f.workspaceId === workspaceId);
}

describe("reconcileAll", () => {
  it("puts tampered objects back to the bundle's values", async () => {
    const provisioned = await provisionedWorkspace();
    await tamper(provisioned);
    // The tampering took: the workspace no longer matches its bundle.
    await expect(matchesBundle(provisioned, false)).resolves.toBeUndefined();

    const summary = await reconcileAll();

    expect(failuresOf(summary, provisioned.workspace.id)).toEqual([]);
    // Policy and binding re-created, quota and namespace changed back.
    expect(summary.changedObjects).toBeGreaterThanOrEqual(4);
    await expect(matchesBundle(provisioned)).resolves.toBe(true);
  });

  it("leaves a workspace that already matches alone, and changes nothing when asked to re-apply all", async () => {
    const provisioned = await provisionedWorkspace();
    const before = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace: provisioned.namespace });

    const drifted = await reconcileAll();
    expect(failuresOf(drifted, provisioned.workspace.id)).toEqual([]);
    expect(drifted.inSync).toBeGreaterThanOrEqual(1);

    const all = await reconcileAll({ all: true });
    expect(failuresOf(all, provisioned.workspace.id)).toEqual([]);
    expect(all.inSync).toBe(0);
    expect(all.converged).toBeGreaterThanOrEqual(1);

    const after = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace: provisioned.namespace });
    // Not its resourceVersion: the quota controller updates status as the new namespace fills.
    expect(specWritesOf(after)).toEqual(specWritesOf(before));
    expect(after.spec).toEqual(before.spec);
    await expect(matchesBundle(provisioned)).resolves.toBe(true);
    // A full pass applies every workspace in the (shared, growing) test database.
  }, 300_000);

  it("finishes a PROVISIONING workspace: the bundle is applied and it becomes READY", async () => {
    const workspace = await unprovisionedWorkspace();
    const namespace = workspace.namespaces[0]!.name;
    expect(await statusOf(() => core.readNamespace({ name: namespace }))).toMatchObject({ code: 404 });

    const summary = await reconcileAll();

    expect(failuresOf(summary, workspace.id)).toEqual([]);
    expect(summary.becameReady).toBeGreaterThanOrEqual(1);
    await expect(db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).resolves.toMatchObject({
      status: "READY",
    });
    const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
    expect(quota.spec?.hard).toMatchObject({ pods: "100", "requests.storage": "100Gi" });
  });

  it("removes namespaces and member ServiceAccounts of unknown and deleted workspaces", async () => {
    // A workspace id PostgreSQL has never heard of.
    const ghostId = `ghost${randomBytes(6).toString("hex")}`;
    const ghostNamespace = `ws-ghost-${randomBytes(4).toString("hex")}`;
    await core.createNamespace({ body: { metadata: { name: ghostNamespace, labels: managedLabels(ghostId) } } });
    const ghostAccount = `member-${ghostId}`;
    await core.createNamespacedServiceAccount({
      namespace: MEMBERS_NAMESPACE,
      body: { metadata: { name: ghostAccount, labels: managedLabels(ghostId) } },
    });
    // A workspace deleted in PostgreSQL whose namespace and member identity survived.
    const deleted = await provisionedWorkspace();
    await db().workspace.update({
      where: { id: deleted.workspace.id },
      data: { status: "DELETED", deletedAt: new Date() },
    });
    // A live workspace next to them, which must be left alone.
    const live = await provisionedWorkspace();

    const summary = await reconcileAll();

    expect(summary.removedNamespaces).toBeGreaterThanOrEqual(2);
    expect(summary.removedServiceAccounts).toBeGreaterThanOrEqual(2);
    expect(await namespaceRemoved(ghostNamespace)).toBe(true);
    expect(await namespaceRemoved(deleted.namespace)).toBe(true);
    expect(
      await statusOf(() => core.readNamespacedServiceAccount({ name: ghostAccount, namespace: MEMBERS_NAMESPACE })),
    ).toMatchObject({ code: 404 });
    const deletedAccounts = await core.listNamespacedServiceAccount({
      namespace: MEMBERS_NAMESPACE,
      labelSelector: `${WORKSPACE_ID_LABEL}=${deleted.workspace.id}`,
    });
    expect(deletedAccounts.items).toEqual([]);

    expect(await namespaceRemoved(live.namespace)).toBe(false);
    await expect(matchesBundle(live)).resolves.toBe(true);
  });

  it("finishes the deletion of a DELETING workspace", async () => {
    const deleting = await provisionedWorkspace();
    await db().workspace.update({
      where: { id: deleting.workspace.id },
      data: { status: "DELETING", deletedAt: new Date() },
    });

    const summary = await reconcileAll();

    expect(failuresOf(summary, deleting.workspace.id)).toEqual([]);
    expect(summary.finishedDeletions).toBeGreaterThanOrEqual(1);
    await expect(db().workspace.findUniqueOrThrow({ where: { id: deleting.workspace.id } })).resolves.toMatchObject({
      status: "DELETED",
    });
    expect(await namespaceRemoved(deleting.namespace)).toBe(true);
  });

  it("keeps going when one workspace fails, and reports which one", async () => {
    // Created first, so it is converged before the good one; its namespace name is invalid.
    const broken = await unprovisionedWorkspace(`Broken_${randomBytes(4).toString("hex")}`);
    const good = await unprovisionedWorkspace();
    try {
      const summary = await reconcileAll();

      expect(failuresOf(summary, broken.id)).toEqual([
        expect.objectContaining({ step: "converge", message: expect.stringMatching(/\S/) }),
      ]);
      expect(failuresOf(summary, good.id)).toEqual([]);
      await expect(db().workspace.findUniqueOrThrow({ where: { id: good.id } })).resolves.toMatchObject({
        status: "READY",
      });
      await expect(db().workspace.findUniqueOrThrow({ where: { id: broken.id } })).resolves.toMatchObject({
        status: "PROVISIONING",
      });
      const namespace = await core.readNamespace({ name: good.namespaces[0]!.name });
      expect(namespace.metadata?.labels?.[WORKSPACE_ID_LABEL]).toBe(good.id);
    } finally {
      // Never leave a workspace behind that fails every later pass.
      await db().workspace.delete({ where: { id: broken.id } });
    }
  });
});
