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
import { requestReconcile } from "@/lib/tenancy/reconcile-requests";
import { measureProvisioning } from "@/lib/tenancy/convergence-metrics";
import { MEMBERS_NAMESPACE_OBJECT, membersNamespaceQuota, workspaceBundle } from "@/lib/tenancy/workspace-bundle";
import { env } from "@/lib/config/env";
import { effectiveLimits } from "@/lib/quotas/effective-limits";
import { hasStatus, ignoreNotFound } from "@/lib/kube/status";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-name";
import { SLICE_SELECT, limitsWithSlice, slicesOf } from "@/lib/environments/quota-slices";
import { effectiveRole } from "@/lib/authz/permissions";

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
  slug: true,
  status: true,
  deletedAt: true,
  plan: true,
  namespaces: {
    select: { name: true, environment: true, ...SLICE_SELECT, roles: { select: { membershipId: true, role: true } } },
    orderBy: { createdAt: "asc" },
  },
  memberships: { select: { id: true, role: true } },
  publicEndpoints: { select: { host: true } },
  billingHold: { select: { suspendedAt: true } },
  operatorSuspension: { select: { since: true } },
  quotaOverride: true,
} as const;

type BundleSource = Prisma.WorkspaceGetPayload<{ select: typeof BUNDLE_SOURCE }>;

/**
 * The bundle for a workspace row read with BUNDLE_SOURCE: every environment's namespace
 * with its isolation objects, its slice of the quota as its ResourceQuota, and each
 * member's RoleBinding with their role there (lowered where an environment role says so).
 * Null without the default environment's namespace.
 */
export function bundleOf(workspace: BundleSource): { namespaces: string[]; objects: KubernetesObject[] } | null {
  if (!workspace.namespaces.some((n) => n.environment === DEFAULT_ENVIRONMENT)) return null;
  // The plan's limits, with the workspace's own where an approved request or an operator set them.
  const limits = effectiveLimits(workspace.plan, workspace.quotaOverride);
  const slices = slicesOf(limits, workspace.namespaces);
  const several = workspace.namespaces.length > 1;
  const objects = new Map<string, KubernetesObject>();
  for (const environment of workspace.namespaces) {
    const lowered = new Map(environment.roles.map((r) => [r.membershipId, r.role]));
    const bundle = workspaceBundle({
      workspaceId: workspace.id,
      namespace: environment.name,
      plan: limits,
      // A workspace with one environment keeps the whole plan, exactly as before environments.
      quota: several ? limitsWithSlice(limits, slices.get(environment.environment)!) : undefined,
      members: workspace.memberships.map((m) => ({
        membershipId: m.id,
        role: effectiveRole(m.role, lowered.get(m.id)),
      })),
      publicHosts: workspace.publicEndpoints.map((e) => e.host),
      // Suspended by billing or by an operator: the same hold either way.
      held: Boolean(workspace.billingHold?.suspendedAt) || workspace.operatorSuspension !== null,
    });
    // The members' ServiceAccounts are the same in every environment: one of each.
    for (const object of bundle)
      objects.set(`${object.kind}/${object.metadata?.namespace}/${object.metadata?.name}`, object);
  }
  return { namespaces: workspace.namespaces.map((n) => n.name), objects: [...objects.values()] };
}

/**
 * The workspace's lock, held until `tx` ends: provisioning takes it, and so does every
 * write that changes how the workspace's quota is split (lib/environments/).
 */
export async function lockProvisioning(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('canopy-provision'), hashtext(${workspaceId}))`;
}

/**
 * Applies one workspace at a time, across every process (portal replicas and the worker's
 * reconciler), under a transaction-scoped advisory lock. Without it two applies with
 * different membership snapshots interleave: one prunes the identity another just made
 * for a new member, or puts back the RoleBinding of a member removed a moment ago. The
 * snapshot is read under the lock, so each apply starts from every change committed before it.
 */
export async function provisionWorkspace(
  workspaceId: string,
  options: { askReconcilerOnFailure?: boolean } = {},
): Promise<void> {
  try {
    await measureProvisioning(() =>
      db().$transaction(
        async (tx) => {
          await lockProvisioning(tx, workspaceId);
          await applyWorkspace(tx, workspaceId);
        },
        // Kubernetes calls happen inside; the transaction itself only holds the lock and
        // reads (the holder uses no other connection, so waiters cannot starve it).
        { maxWait: 30_000, timeout: 120_000 },
      ),
    );
  } catch (error) {
    // PostgreSQL holds the change; the worker's reconciler retries it at once, with backoff
    // (the reconciler itself retries through its queue, so it does not ask itself).
    const gone = error instanceof AppError && error.code === "NOT_FOUND";
    if (!gone && (options.askReconcilerOnFailure ?? true)) await requestReconcile(workspaceId);
    throw error;
  }
}

async function applyWorkspace(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: BUNDLE_SOURCE });
  if (!workspace || workspace.deletedAt) throw AppError.notFound("Workspace");
  const bundle = bundleOf(workspace);
  if (!bundle) throw new AppError("INTERNAL", "The workspace has no namespace.");
  const { namespaces, objects } = bundle;

  await ensurePlatformObjects();
  const client = adminObjectApi();
  // The namespaces first; everything else lives in them (or in the members' namespace).
  // Each must be this workspace's own: one that exists with another owner is never adopted.
  for (const namespace of namespaces) await claimNamespace(workspaceId, namespace);
  const isNamespace = (o: KubernetesObject) => o.kind === "Namespace";
  await serverSideApply(client, objects.filter(isNamespace));
  await Promise.all([
    applyRoleBindings(
      client,
      objects.filter((o) => !isNamespace(o)),
    ),
    ...namespaces.map(removeRetiredObjects),
  ]);
  const current = new Set(workspace.memberships.map((m) => m.id));
  await Promise.all(namespaces.map((namespace) => pruneFormerBindings(workspaceId, namespace, current)));
  await pruneFormerAccounts(workspaceId, current);

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

const stale = (current: Set<string>, labels?: Record<string, string>) =>
  !current.has(labels?.[MEMBERSHIP_ID_LABEL] ?? "");

// RoleBindings first (in every environment): authorization is never cached, so a removed
// member's next call is refused at once; their tokens die with the ServiceAccount (within
// the API server's 10-second token cache).
async function pruneFormerBindings(workspaceId: string, namespace: string, current: Set<string>): Promise<void> {
  const rbac = adminApi(k8s.RbacAuthorizationV1Api);
  const selector = `${WORKSPACE_ID_LABEL}=${workspaceId},${MEMBERSHIP_ID_LABEL}`;
  const bindings = await rbac.listNamespacedRoleBinding({ namespace, labelSelector: selector });
  await Promise.all(
    bindings.items
      .filter((rb) => stale(current, rb.metadata?.labels))
      .map((rb) => ignoreNotFound(rbac.deleteNamespacedRoleBinding({ name: rb.metadata!.name!, namespace }))),
  );
}

async function pruneFormerAccounts(workspaceId: string, current: Set<string>): Promise<void> {
  const core = adminApi(k8s.CoreV1Api);
  const selector = `${WORKSPACE_ID_LABEL}=${workspaceId},${MEMBERSHIP_ID_LABEL}`;
  const accounts = await core.listNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, labelSelector: selector });
  await Promise.all(
    accounts.items
      .filter((sa) => stale(current, sa.metadata?.labels))
      .map((sa) =>
        ignoreNotFound(core.deleteNamespacedServiceAccount({ name: sa.metadata!.name!, namespace: MEMBERS_NAMESPACE })),
      ),
  );
}
