import { db } from "@/lib/db/client";
import { componentLogger } from "@/lib/observability/logger";
import { convergeWorkspace } from "@/lib/tenancy/converge-workspace";
import { describeError } from "@/lib/tenancy/reconcile";
import { ManagedCache } from "@/lib/tenancy/managed-cache";
import { listenForReconcileRequests, type Listener } from "@/lib/tenancy/reconcile-requests";
import { ensurePlatformObjects } from "@/lib/tenancy/provision-workspace";
import { WorkQueue } from "@/lib/tenancy/work-queue";

// The event-driven reconciler (docs/decisions/013): informers on every kind of managed
// object (managed-cache.ts) queue the workspace of any object that changes or disappears;
// a work queue keyed by workspace (work-queue.ts) converges each one from PostgreSQL
// (converge-workspace.ts); so does a request from a process whose own apply failed
// (reconcile-requests.ts, PostgreSQL LISTEN/NOTIFY). A full pass, now and then, queues every workspace PostgreSQL or
// the cache knows of and re-applies the platform's own objects: a safety net for a change
// no watch reports (a row changed by hand, a missed event), not the way drift is found.

const log = componentLogger("reconciler");

export interface EventReconcilerOptions {
  /** Workspaces converged at once. */
  concurrency?: number;
  /** Informers' server-side watch timeout (a healthy watch resumes after it). */
  watchTimeoutSeconds?: number;
}

export class EventReconciler {
  readonly cache: ManagedCache;
  readonly queue: WorkQueue;
  private requests?: Listener;

  constructor(options: EventReconcilerOptions = {}) {
    this.queue = new WorkQueue({
      concurrency: options.concurrency ?? 4,
      handle: (workspaceId) => this.reconcile(workspaceId),
      onError: (workspaceId, error, attempt) =>
        log.error({ workspaceId, attempt }, `reconcile failed, retrying: ${describeError(error)}`),
    });
    this.cache = new ManagedCache((workspaceId) => this.queue.add(workspaceId), options);
  }

  /** Starts the informers and the PostgreSQL listener; resolves once both are ready. */
  async start(): Promise<void> {
    this.requests = listenForReconcileRequests((workspaceId) => this.queue.add(workspaceId));
    await Promise.all([this.cache.start(), this.requests.ready]);
  }

  /** Queues every workspace: live and being deleted ones (PostgreSQL), and any with objects (orphans). */
  async fullPass(): Promise<number> {
    await this.cache.synced();
    await ensurePlatformObjects(true);
    const rows = await db().workspace.findMany({
      where: { OR: [{ deletedAt: null, status: { in: ["PROVISIONING", "READY"] } }, { status: "DELETING" }] },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    const ids = new Set([...rows.map((row) => row.id), ...this.cache.workspaceIds()]);
    for (const id of ids) this.queue.add(id);
    return ids.size;
  }

  async stop(): Promise<void> {
    await this.requests?.stop();
    await this.queue.stop();
    await this.cache.stop();
  }

  private async reconcile(workspaceId: string): Promise<void> {
    const { outcome, drift, provisioned } = await convergeWorkspace(workspaceId, (id) => this.cache.observed(id));
    if (outcome === "converged" && provisioned) {
      log.info({ workspaceId }, "provisioned");
    } else if (outcome === "converged" && drift.length > 0) {
      log.info({ workspaceId, objects: drift }, `${drift.length} object(s) restored`);
    } else if (outcome === "orphans_removed" || outcome === "deletion_finished") {
      log.info({ workspaceId, objects: drift }, outcome.replace("_", " "));
    }
  }
}
