import * as k8s from "@kubernetes/client-node";
import { Counter } from "prom-client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { succeededUnless } from "@/lib/kube/status";
import { defineMetric } from "@/lib/observability/metrics";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import { MEMBERS_NAMESPACE, WORKSPACE_ID_LABEL, workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { BUNDLE_SOURCE, bundleOf, provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { isGone } from "@/lib/tenancy/reconcile";
import { driftOf, type ObservedObject } from "@/lib/tenancy/workspace-drift";

// One workspace brought in line with PostgreSQL, for the event-driven reconciler: the
// desired state is its bundle, read from PostgreSQL; the observed state is what the
// reconciler's informers last saw of its objects (no list call). A live workspace is
// re-applied (provisionWorkspace) only when it drifted or is still PROVISIONING; a DELETING
// one is finished; the objects of a missing or deleted one are removed as orphans.

export type ConvergeOutcome = "in_sync" | "converged" | "deletion_finished" | "orphans_removed" | "gone";

const outcomes = defineMetric(
  "canopy_reconcile_workspace_total",
  (registers) =>
    new Counter({
      name: "canopy_reconcile_workspace_total",
      help: "Workspaces the event-driven reconciler handled, by outcome: in_sync, converged, deletion_finished, orphans_removed, gone",
      labelNames: ["outcome"] as const,
      registers,
    }),
);

export interface Converged {
  outcome: ConvergeOutcome;
  /** The objects found missing, changed or stale (what a re-apply restores or removes). */
  drift: string[];
  /** Converged a workspace that was still PROVISIONING (its drift is its objects not yet made). */
  provisioned?: boolean;
}

export async function convergeWorkspace(
  workspaceId: string,
  observed: (workspaceId: string) => ObservedObject[],
): Promise<Converged> {
  const result = await converge(workspaceId, observed);
  outcomes.inc({ outcome: result.outcome });
  return result;
}

async function converge(workspaceId: string, observed: (id: string) => ObservedObject[]): Promise<Converged> {
  // Seen before PostgreSQL is read: an environment's row is committed before its namespace
  // is made, so a namespace seen here without a row is a deleted environment's.
  const seenBefore = observed(workspaceId);
  const workspace = await db().workspace.findUnique({ where: { id: workspaceId }, select: BUNDLE_SOURCE });
  if (workspace?.status === "DELETING") {
    await finishWorkspaceDeletion(workspaceId);
    return { outcome: "deletion_finished", drift: [] };
  }
  if (!workspace || isGone(workspace)) return removeOrphans(workspaceId, observed(workspaceId), workspace === null);

  const bundle = bundleOf(workspace);
  const removed = bundle ? await removeDeletedEnvironments(workspace.slug, bundle.namespaces, seenBefore) : [];
  if (removed.length > 0) return { outcome: "orphans_removed", drift: removed };
  const drift = bundle ? driftOf(bundle.objects, observed(workspaceId)) : [];
  if (bundle && drift.length === 0 && workspace.status === "READY") return { outcome: "in_sync", drift };
  try {
    await provisionWorkspace(workspaceId, { askReconcilerOnFailure: false });
  } catch (error) {
    // Deleted since it was read: the change that deleted it queues it again.
    if (error instanceof AppError && error.code === "NOT_FOUND") return { outcome: "gone", drift: [] };
    throw error;
  }
  return { outcome: "converged", drift, provisioned: workspace.status === "PROVISIONING" };
}

/**
 * A namespace or member ServiceAccount whose workspace is missing or deleted. A workspace's
 * row is committed before its namespace is created, so a missing row is an orphan; but an
 * empty table next to Canopy's objects means the wrong database, not that every tenant left.
 */
async function removeOrphans(workspaceId: string, objects: ObservedObject[], missing: boolean): Promise<Converged> {
  const namespaces = objects.filter((o) => o.kind === "Namespace" && !o.terminating);
  const accounts = objects.filter((o) => o.kind === "ServiceAccount");
  if (namespaces.length + accounts.length === 0) return { outcome: "gone", drift: [] };
  if (missing && (await db().workspace.count()) === 0) {
    throw new Error("the database has no workspaces at all; refusing to remove namespaces (wrong DATABASE_URL?)");
  }
  const core = adminApi(k8s.CoreV1Api);
  // 404: already gone; 409: already being deleted.
  await Promise.all(namespaces.map((ns) => succeededUnless(core.deleteNamespace({ name: ns.name }), 404, 409)));
  if (accounts.length) {
    await core.deleteCollectionNamespacedServiceAccount({
      namespace: MEMBERS_NAMESPACE,
      labelSelector: `${WORKSPACE_ID_LABEL}=${workspaceId}`,
    });
  }
  const removed = [...namespaces, ...accounts].map((o) => `${o.kind}/${o.namespace ?? ""}/${o.name}`);
  return { outcome: "orphans_removed", drift: removed };
}

/** The namespaces of the workspace's deleted environments (`ws-<slug>--<env>` that no row names). */
async function removeDeletedEnvironments(slug: string, live: string[], seen: ObservedObject[]): Promise<string[]> {
  const prefix = `${workspaceNamespaceName(slug)}--`;
  const stale = seen.filter(
    (o) => o.kind === "Namespace" && !o.terminating && o.name.startsWith(prefix) && !live.includes(o.name),
  );
  const core = adminApi(k8s.CoreV1Api);
  await Promise.all(stale.map((ns) => succeededUnless(core.deleteNamespace({ name: ns.name }), 404, 409)));
  return stale.map((ns) => `Namespace//${ns.name}`);
}
