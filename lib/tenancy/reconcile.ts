import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import { MEMBERS_NAMESPACE, WORKSPACE_ID_LABEL, workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { measureReconcilePass } from "@/lib/tenancy/convergence-metrics";
import { BUNDLE_SOURCE, bundleOf, ensurePlatformObjects, provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { driftOf, observeManagedObjects, type ObservedObject } from "@/lib/tenancy/workspace-drift";
import { statusOf, succeededUnless } from "@/lib/kube/status";

// Makes the whole cluster match PostgreSQL; safe to run at any time, as often as wanted.
// Live workspaces are converged with provisionWorkspace (which also finishes PROVISIONING
// ones), DELETING ones are finished, and Canopy's objects whose workspace is gone are
// removed. The cluster is read with a few label-selected list calls per pass, so a pass
// re-applies only workspaces that drifted (unless `all` is asked for). One-shot, for
// `npm run reconcile` and operators; the worker's reconciler is event-driven instead
// (event-reconciler.ts, docs/decisions/013).

export interface ReconcileFailure {
  workspaceId: string | null;
  step: "platform-objects" | "observe" | "converge" | "remove-orphans" | "finish-deletion";
  message: string;
}

export interface ReconcileSummary {
  /** Live workspaces whose whole bundle was applied in this pass. */
  converged: number;
  /** Live workspaces found to match their bundle, so left alone. */
  inSync: number;
  /** Of the converged, the ones that were still PROVISIONING. */
  becameReady: number;
  /** Managed objects of converged workspaces that were missing, changed or a former member's. */
  changedObjects: number;
  removedNamespaces: number;
  removedServiceAccounts: number;
  finishedDeletions: number;
  failed: ReconcileFailure[];
}

export interface ReconcileOptions {
  /** Workspaces converged at once. */
  concurrency?: number;
  /** Converge every live workspace, also those that look in sync. */
  all?: boolean;
}

const DEFAULT_CONCURRENCY = 4;

export function reconcileAll(options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  return measureReconcilePass(() => reconcilePass(options));
}

async function reconcilePass(options: ReconcileOptions): Promise<ReconcileSummary> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const summary: ReconcileSummary = {
    converged: 0,
    inSync: 0,
    becameReady: 0,
    changedObjects: 0,
    removedNamespaces: 0,
    removedServiceAccounts: 0,
    finishedDeletions: 0,
    failed: [],
  };
  const fail = (workspaceId: string | null, step: ReconcileFailure["step"], error: unknown) =>
    summary.failed.push({ workspaceId, step, message: describeError(error) });

  // provisionWorkspace applies the platform's objects once per process; restore them on every pass.
  await ensurePlatformObjects(true).catch((error) => fail(null, "platform-objects", error));

  const [live, deleting] = await Promise.all([
    db().workspace.findMany({
      where: { deletedAt: null, status: { in: ["PROVISIONING", "READY"] } },
      select: BUNDLE_SOURCE,
      orderBy: { createdAt: "asc" },
    }),
    db().workspace.findMany({ where: { status: "DELETING" }, select: { id: true }, orderBy: { updatedAt: "asc" } }),
  ]);
  // Listed after PostgreSQL was read: see removeOrphans for why that order matters.
  const observed = await observeManagedObjects().catch((error) => void fail(null, "observe", error));
  const observedByWorkspace = new Map<string, ObservedObject[]>();
  for (const o of observed ?? []) {
    observedByWorkspace.set(o.workspaceId, [...(observedByWorkspace.get(o.workspaceId) ?? []), o]);
  }

  await forEachLimited(live, concurrency, async (workspace) => {
    // Without an observation (or a namespace row) nothing can be compared: just converge.
    const bundle = bundleOf(workspace);
    let drift: string[] | undefined;
    if (observed && bundle) drift = driftOf(bundle.objects, observedByWorkspace.get(workspace.id) ?? []);
    if (drift?.length === 0 && workspace.status === "READY" && !options.all) {
      summary.inSync++;
      return;
    }
    try {
      await provisionWorkspace(workspace.id);
    } catch (error) {
      // Deleted since we listed it: nothing to converge, the next pass sees it as gone.
      if (error instanceof AppError && error.code === "NOT_FOUND") return;
      fail(workspace.id, "converge", error);
      return;
    }
    summary.converged++;
    summary.changedObjects += drift?.length ?? 0;
    if (workspace.status === "PROVISIONING") summary.becameReady++;
  });

  if (observed) {
    try {
      await removeOrphans(observed, summary, concurrency, fail);
    } catch (error) {
      fail(null, "remove-orphans", error);
    }
  }

  await forEachLimited(deleting, concurrency, async (workspace) => {
    try {
      await finishWorkspaceDeletion(workspace.id);
      summary.finishedDeletions++;
    } catch (error) {
      fail(workspace.id, "finish-deletion", error);
    }
  });
  return summary;
}

/** True when the pass changed something or something failed: worth a log line. */
export function isNoteworthy(summary: ReconcileSummary): boolean {
  return (
    summary.failed.length > 0 ||
    summary.becameReady + summary.changedObjects + summary.removedNamespaces > 0 ||
    summary.removedServiceAccounts + summary.finishedDeletions > 0
  );
}

/** One line, for logs. */
export function formatSummary(summary: ReconcileSummary): string {
  const parts = [`converged ${summary.converged} workspace(s), ${summary.inSync} already in sync`];
  if (summary.changedObjects) parts.push(`${summary.changedObjects} object(s) restored`);
  if (summary.becameReady) parts.push(`${summary.becameReady} became ready`);
  if (summary.removedNamespaces) parts.push(`${summary.removedNamespaces} orphaned namespace(s) removed`);
  if (summary.removedServiceAccounts)
    parts.push(`${summary.removedServiceAccounts} orphaned service account(s) removed`);
  if (summary.finishedDeletions) parts.push(`${summary.finishedDeletions} deletion(s) finished`);
  const failures = summary.failed.map((f) => `${f.step} ${f.workspaceId ?? "-"}: ${f.message}`);
  if (failures.length) parts.push(`${failures.length} failed (${failures.join("; ")})`);
  return parts.join(", ");
}

// ---------------------------------------------------------------- orphans

export interface WorkspaceRow {
  id: string;
  slug: string;
  status: string;
  deletedAt: Date | null;
}

/** Gone for the reconciler: DELETING workspaces are left to finishWorkspaceDeletion. */
export function isGone(row: WorkspaceRow | undefined): boolean {
  if (!row) return true;
  return row.status === "DELETED" || (row.deletedAt !== null && row.status !== "DELETING");
}

/**
 * Deletes namespaces and member ServiceAccounts whose workspace is missing or deleted,
 * and the namespaces of deleted environments.
 * The objects were listed before PostgreSQL is asked about them, and a workspace's row is
 * committed before its namespace is created, so a workspace being created right now is
 * never mistaken for an orphan.
 */
async function removeOrphans(
  observed: ObservedObject[],
  summary: ReconcileSummary,
  concurrency: number,
  fail: (workspaceId: string | null, step: ReconcileFailure["step"], error: unknown) => void,
) {
  const candidates = observed.filter((o) => o.kind === "Namespace" || o.kind === "ServiceAccount");
  const ids = [...new Set(candidates.map((o) => o.workspaceId))];
  if (ids.length === 0) return;
  const rows = await db().workspace.findMany({
    where: { id: { in: ids } },
    select: { id: true, slug: true, status: true, deletedAt: true },
  });
  // An empty table next to Canopy's namespaces means the wrong database, not that every tenant left.
  if (rows.length === 0 && (await db().workspace.count()) === 0) {
    throw new Error("the database has no workspaces at all; refusing to remove namespaces (wrong DATABASE_URL?)");
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A live workspace's environment namespace (`ws-<slug>--<env>`) that no row names any
  // more: a deleted environment's. One that another workspace's row names is never touched.
  const observedNames = candidates.filter((o) => o.kind === "Namespace").map((o) => o.name);
  const named = await db().workspaceNamespace.findMany({
    where: { name: { in: observedNames } },
    select: { name: true },
  });
  const known = new Set(named.map((n) => n.name));
  const deletedEnvironment = (o: ObservedObject) => {
    const row = byId.get(o.workspaceId);
    return (
      o.kind === "Namespace" &&
      row !== undefined &&
      !isGone(row) &&
      row.status !== "DELETING" &&
      o.name.startsWith(`${workspaceNamespaceName(row.slug)}--`) &&
      !known.has(o.name)
    );
  };
  const orphans = candidates.filter((o) => isGone(byId.get(o.workspaceId)) || deletedEnvironment(o));
  const core = adminApi(k8s.CoreV1Api);
  const namespaces = orphans.filter((o) => o.kind === "Namespace" && !o.terminating);
  await forEachLimited(namespaces, concurrency, async (ns) => {
    try {
      // 404: already gone; 409: already being deleted.
      if (await succeededUnless(core.deleteNamespace({ name: ns.name }), 404, 409)) summary.removedNamespaces++;
    } catch (error) {
      fail(ns.workspaceId, "remove-orphans", error);
    }
  });
  // One delete-collection call per orphaned workspace, by label.
  const accounts = new Map<string, number>();
  for (const o of orphans)
    if (o.kind === "ServiceAccount") accounts.set(o.workspaceId, (accounts.get(o.workspaceId) ?? 0) + 1);
  await forEachLimited([...accounts], concurrency, async ([workspaceId, count]) => {
    try {
      await core.deleteCollectionNamespacedServiceAccount({
        namespace: MEMBERS_NAMESPACE,
        labelSelector: `${WORKSPACE_ID_LABEL}=${workspaceId}`,
      });
      summary.removedServiceAccounts += count;
    } catch (error) {
      fail(workspaceId, "remove-orphans", error);
    }
  });
}

// ---------------------------------------------------------------- helpers

/** Runs `work` over `items` with at most `limit` at a time; `work` must not throw. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

export function describeError(error: unknown): string {
  const status = statusOf(error);
  const message = status
    ? `kubernetes ${status.code}${status.message ? `: ${status.message}` : ""}`
    : error instanceof Error
      ? error.message
      : String(error);
  return message.replace(/\s+/g, " ").slice(0, 300);
}
