import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { memberRoleBindingName, QUOTA_NAME, workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { requestReconcile } from "@/lib/tenancy/reconcile-requests";
import { EventReconciler } from "@/lib/tenancy/event-reconciler";
import { BUNDLE_SOURCE, bundleOf } from "@/lib/tenancy/provision-workspace";
import { driftOf } from "@/lib/tenancy/workspace-drift";
import { createUser, uniqueSlug } from "../../support/factories";
import { eventually } from "../../support/kube";
import { core, INGRESS_POLICY, matchesBundle, networking, provisionedWorkspace, rbac } from "./support";

// The reconciler as the worker runs it, minus the full pass: never called here, so every
// repair below comes from the informers' watches (or a relist) and the workspace queue.

type Provisioned = Awaited<ReturnType<typeof provisionedWorkspace>>;

/** Opens the ingress policy to everyone: an edit, not a deletion. */
async function openIngressPolicy(namespace: string) {
  const policy = await networking.readNamespacedNetworkPolicy({ name: INGRESS_POLICY, namespace });
  policy.spec = { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] };
  await networking.replaceNamespacedNetworkPolicy({ name: INGRESS_POLICY, namespace, body: policy });
}

async function raiseQuota(namespace: string) {
  const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  quota.spec!.hard = { ...quota.spec!.hard, "requests.cpu": "64", pods: "1000" };
  await core.replaceNamespacedResourceQuota({ name: QUOTA_NAME, namespace, body: quota });
}

/**
 * Until the reconciler's cache holds every object of the workspace's bundle as applied. A
 * partly seen workspace looks drifted (an object not yet seen is missing), and the converge
 * that follows would re-apply everything, repairing an edit made while one informer is away.
 */
async function cacheHoldsBundle(workspaceId: string) {
  const row = await db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: BUNDLE_SOURCE });
  const bundle = bundleOf(row)!;
  await eventually("the cache to see the whole workspace", async () =>
    driftOf(bundle.objects, reconciler.cache.observed(workspaceId)).length === 0 ? true : undefined,
  );
}

const restored = (provisioned: Provisioned, what: string) =>
  eventually(what, () => matchesBundle(provisioned, false), 30_000);

const reconciler = new EventReconciler();

describe("the event-driven reconciler", () => {
  beforeAll(() => reconciler.start());
  afterAll(() => reconciler.stop());

  it("restores a tampered NetworkPolicy, a deleted RoleBinding and a changed ResourceQuota without a full pass", async () => {
    const provisioned = await provisionedWorkspace();
    const { namespace, membershipId, workspace } = provisioned;
    await cacheHoldsBundle(workspace.id);

    await openIngressPolicy(namespace);
    await restored(provisioned, "the NetworkPolicy to be restored");

    await rbac.deleteNamespacedRoleBinding({ name: memberRoleBindingName(membershipId), namespace });
    await restored(provisioned, "the RoleBinding to be re-created");

    await raiseQuota(namespace);
    await restored(provisioned, "the ResourceQuota to be restored");

    // All three at once: one queued workspace, converged once or more.
    await openIngressPolicy(namespace);
    await rbac.deleteNamespacedRoleBinding({ name: memberRoleBindingName(membershipId), namespace });
    await raiseQuota(namespace);
    await restored(provisioned, "all three to be restored");
    await expect(matchesBundle(provisioned)).resolves.toBe(true);
  }, 180_000);

  it("relists when its watch has expired (410 Gone) and repairs what changed while it was away", async () => {
    const provisioned = await provisionedWorkspace();
    const { namespace, workspace } = provisioned;
    await cacheHoldsBundle(workspace.id);
    // And no converge of it queued or running: one would restore the edit below before the
    // watch comes back, and there would be nothing left for the relist to repair.
    await reconciler.queue.idle();
    const policies = reconciler.cache.informer("NetworkPolicy");
    const listsBefore = policies.lists;

    // The watch is away while the policy is edited; it comes back with a resourceVersion
    // long compacted, as after a long disconnection, and the API server answers 410.
    await policies.stop();
    await openIngressPolicy(namespace);
    const edited = await networking.readNamespacedNetworkPolicy({ name: INGRESS_POLICY, namespace });
    expect(edited.spec?.ingress).toEqual([{}] as k8s.V1NetworkPolicyIngressRule[]);
    policies.resumeFrom("1");
    policies.start();

    await eventually("the policy informer to relist", async () => (policies.lists > listsBefore ? true : undefined));
    expect(policies.lists).toBe(listsBefore + 1);
    await restored(provisioned, "the NetworkPolicy edited during the outage to be restored");
    await eventually("the watch to be connected again", async () => (policies.healthy() ? true : undefined));
  }, 180_000);

  it("converges a workspace PostgreSQL asks for (a failed apply elsewhere), with nothing on the cluster to watch", async () => {
    // As a create whose apply failed leaves it: rows committed, nothing on the cluster.
    const owner = await createUser("Requested");
    const slug = uniqueSlug("rec");
    const workspace = await db().workspace.create({
      data: {
        slug,
        displayName: "Requested",
        kind: "TEAM",
        planId: "team",
        createdById: owner.id,
        namespaces: { create: { name: workspaceNamespaceName(slug) } },
        memberships: { create: { userId: owner.id, role: "OWNER" } },
      },
    });
    expect(workspace.status).toBe("PROVISIONING");

    await requestReconcile(workspace.id);

    await eventually("the workspace to be provisioned", async () => {
      const row = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } });
      return row.status === "READY" ? row : undefined;
    });
    const namespace = await core.readNamespace({ name: workspaceNamespaceName(slug) });
    expect(namespace.metadata?.labels?.["canopy.dev/workspace-id"]).toBe(workspace.id);
  }, 120_000);
});
