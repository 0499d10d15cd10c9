import * as k8s from "@kubernetes/client-node";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { serverSideApply } from "@/lib/kube/apply";
import { adminApi, adminObjectApi } from "@/lib/kube/client";
import { MEMBERS_NAMESPACE, MEMBERSHIP_ID_LABEL, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { ADMISSION_POLICY_OBJECTS } from "@/lib/tenancy/admission-policies";
import { API_FAIRNESS_OBJECTS } from "@/lib/tenancy/api-fairness";
import { RETIRED_NETWORK_POLICIES } from "@/lib/tenancy/network-policies";
import { claimNamespace } from "@/lib/tenancy/claim-namespace";
import { measureProvisioning } from "@/lib/tenancy/convergence-metrics";
import { MEMBERS_NAMESPACE_OBJECT, membersNamespaceQuota, workspaceBundle } from "@/lib/tenancy/workspace-bundle";
import { env } from "@/lib/config/env";
import { effectiveLimits } from "@/lib/quotas/effective-limits";
import { hasStatus, ignoreNotFound } from "@/lib/kube/status";

// Makes the cluster match PostgreSQL for one workspace: applies the whole bundle with
// server-side apply (one field manager, forced, so edits to fields we own are taken
// back) and removes member identities that no longer have a membership. Safe to run at
// any time and as often as wanted; the reconciler calls it too.

let platformReady: Promise<unknown> | undefined;

/**
 * The platform's own objects every workspace relies on: the members' namespace (with its
 * quota), the admission policies and API fairness. Applied once per process here; the reconciler
 * re-applies them.
 */
export function ensurePlatformObjects(force = false): Promise<unknown> {
  if (force) platformReady = undefined;
  const objects = [
    MEMBERS_NAMESPACE_OBJECT,
    membersNamespaceQuota(env().CANOPY_MEMBERS_NAMESPACE_MAX_SECRETS),
    ...ADMISSION_POLICY_OBJECTS,
    ...API_FAIRNESS_OBJECTS,
  ];
  platformReady ??= serverSideApply(adminObjectApi(), objects).catch((error) => {
    platformReady = undefined;
    throw error;
  });
  return platformReady;
}

/** What a workspace's desired cluster state is made of, read in one query. */
export const BUNDLE_SOURCE = {
  id: true,
  status: true,
  deletedAt: true,
  plan: true,
  namespaces: { where: { environment: "default" }, select: { name: true } },
  memberships: { select: { id: true, role: true } },
  publicEndpoints: { select: { host: true } },
  billingHold: { select: { suspendedAt: true } },
  operatorSuspension: { select: { since: true } },
  quotaOverride: true,
} as const;

type BundleSource = Prisma.WorkspaceGetPayload<{ select: typeof BUNDLE_SOURCE }>;

/** The bundle for a workspace row read with BUNDLE_SOURCE; null without a namespace. */
export function bundleOf(workspace: BundleSource): { namespace: string; objects: KubernetesObject[] } | null {
  const namespace = workspace.namespaces[0]?.name;
  if (!namespace) return null;
  return {
    namespace,
    objects: workspaceBundle({
      workspaceId: workspace.id,
      namespace,
      // The plan's limits, with the workspace's own where an approved request or an operator set them.
      plan: effectiveLimits(workspace.plan, workspace.quotaOverride),
      members: workspace.memberships.map((m) => ({ membershipId: m.id, role: m.role })),
      publicHosts: workspace.publicEndpoints.map((e) => e.host),
      // Suspended by billing or by an operator: the same hold either way.
      held: Boolean(workspace.billingHold?.suspendedAt) || workspace.operatorSuspension !== null,
    }),
  };
}

/**
 * Applies one workspace at a time, across every process (portal replicas and the worker's
 * reconciler), under a transaction-scoped advisory lock. Without it two applies with
 * different membership snapshots interleave: one prunes the identity another just made
 * for a new member, or puts back the RoleBinding of a member removed a moment ago. The
 * snapshot is read under the lock, so each apply starts from every change committed before it.
 */
export function provisionWorkspace(workspaceId: string): Promise<void> {
  return measureProvisioning(() =>
    db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('canopy-provision'), hashtext(${workspaceId}))`;
        await applyWorkspace(tx, workspaceId);
      },
      // Kubernetes calls happen inside; the transaction itself only holds the lock and
      // reads (the holder uses no other connection, so waiters cannot starve it).
      { maxWait: 30_000, timeout: 120_000 },
    ),
  );
}

async function applyWorkspace(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: BUNDLE_SOURCE });
  if (!workspace || workspace.deletedAt) throw AppError.notFound("Workspace");
  const bundle = bundleOf(workspace);
  if (!bundle) throw new AppError("INTERNAL", "The workspace has no namespace.");
  const { namespace, objects } = bundle;

  await ensurePlatformObjects();
  const client = adminObjectApi();
  // The namespace first; everything else lives in it (or in the members' namespace). It
  // must be this workspace's own: one that exists with another owner is never adopted.
  await claimNamespace(workspaceId, namespace);
  await serverSideApply(client, objects.slice(0, 1));
  await Promise.all([applyRoleBindings(client, objects.slice(1)), removeRetiredObjects(namespace)]);
  await pruneFormerMembers(workspaceId, namespace, new Set(workspace.memberships.map((m) => m.id)));

  if (workspace.status === "PROVISIONING") {
    await tx.workspace.updateMany({ where: { id: workspaceId, status: "PROVISIONING" }, data: { status: "READY" } });
  }
}

/**
 * A RoleBinding's roleRef cannot change, so when a member's role changed the old binding
 * is deleted and the new one created; everything else is applied in parallel.
 */
async function applyRoleBindings(client: k8s.KubernetesObjectApi, objects: k8s.KubernetesObject[]): Promise<void> {
  await Promise.all(
    objects.map(async (object) => {
      try {
        await serverSideApply(client, [object]);
      } catch (error) {
        if (object.kind === "RoleBinding" && hasStatus(error, 422)) {
          await ignoreNotFound(client.delete(object));
          await serverSideApply(client, [object]);
          return;
        }
        throw error;
      }
    }),
  );
}

/** Objects earlier versions made that the bundle no longer has (a renamed policy would otherwise stay in force). */
async function removeRetiredObjects(namespace: string): Promise<void> {
  const networking = adminApi(k8s.NetworkingV1Api);
  await Promise.all(
    RETIRED_NETWORK_POLICIES.map((name) =>
      ignoreNotFound(networking.deleteNamespacedNetworkPolicy({ name, namespace })),
    ),
  );
}

async function pruneFormerMembers(workspaceId: string, namespace: string, current: Set<string>): Promise<void> {
  const selector = `${WORKSPACE_ID_LABEL}=${workspaceId},${MEMBERSHIP_ID_LABEL}`;
  const core = adminApi(k8s.CoreV1Api);
  const rbac = adminApi(k8s.RbacAuthorizationV1Api);
  const [accounts, bindings] = await Promise.all([
    core.listNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, labelSelector: selector }),
    rbac.listNamespacedRoleBinding({ namespace, labelSelector: selector }),
  ]);
  const stale = (labels?: Record<string, string>) => !current.has(labels?.[MEMBERSHIP_ID_LABEL] ?? "");
  // RoleBindings first: authorization is never cached, so a removed member's next call is
  // refused at once; their tokens die with the ServiceAccount (within the API server's
  // 10-second token cache).
  await Promise.all(
    bindings.items
      .filter((rb) => stale(rb.metadata?.labels))
      .map((rb) => ignoreNotFound(rbac.deleteNamespacedRoleBinding({ name: rb.metadata!.name!, namespace }))),
  );
  await Promise.all(
    accounts.items
      .filter((sa) => stale(sa.metadata?.labels))
      .map((sa) =>
        ignoreNotFound(core.deleteNamespacedServiceAccount({ name: sa.metadata!.name!, namespace: MEMBERS_NAMESPACE })),
      ),
  );
}
