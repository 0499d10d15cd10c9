import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as k8s from "@kubernetes/client-node";
import { rebuildDailyCharges } from "@/lib/billing/daily-charges";
import { RATING_CURSOR } from "@/lib/billing/rating";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { INSTANCE_LABEL, MEMBERS_NAMESPACE, canopyInstance } from "@/lib/tenancy/kube-names";
import type { Check } from "./stats";
import { isNotFound } from "@/lib/kube/status";
import { ensureLedgerPartitions } from "@/lib/metering/ledger-partitions";

// What every benchmark shares: its shape, sizes, timing and the clean-up of what it made.
// Imported only after bench/run.ts has pointed the environment at the bench instance.

export type Size = "smoke" | "full";

export interface Targets {
  p50?: number;
  p95?: number;
  p99?: number;
  /** Measured median / floor median, at most. */
  floorRatio?: number;
  /** For figures where more is better (a throughput): the median, at least. */
  p50AtLeast?: number;
}

export interface Figure {
  name: string;
  /** What the samples count; milliseconds unless said otherwise. */
  unit?: string;
  samples: number[];
  targets: Targets;
  /** The same work without the product around it, measured in the same run. */
  floor?: { name: string; samples: number[] };
}

export interface BenchOutput {
  figures: Figure[];
  /** Checks that compare figures with each other (e.g. slowdown with N rows). */
  checks?: Check[];
  params: Record<string, unknown>;
  notes?: string[];
}

export interface Benchmark {
  name: string;
  description: string;
  run(size: Size, log: (msg: string) => void): Promise<BenchOutput>;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function tag(): string {
  return randomBytes(4).toString("hex");
}

/** Benchmarks run as CANOPY_INSTANCE "bench", or another name ending in "bench" (bench/run.ts). */
function isBenchInstance(): boolean {
  return canopyInstance().endsWith("bench");
}

/** Empties the bench database's people and workspaces (and all that hangs off them). */
export async function resetBenchDatabase(): Promise<void> {
  if (!isBenchInstance()) throw new Error("refusing to reset a database that is not a bench instance's");
  await db().$executeRawUnsafe(
    `TRUNCATE users, workspaces, audit_events, metering_progress, usage_ledger RESTART IDENTITY CASCADE`,
  );
}

const instanceSelector = () => `${INSTANCE_LABEL}=${canopyInstance()}`;

/**
 * Deletes the cluster objects of the bench instance: its workspace namespaces and its
 * members' ServiceAccounts and kubeconfig Secrets in the shared members' namespace.
 * Namespaces finish terminating in the background.
 */
export async function deleteBenchObjects(): Promise<number> {
  if (!isBenchInstance()) throw new Error("refusing to delete objects of another instance");
  const core = adminApi(k8s.CoreV1Api);
  const labelSelector = instanceSelector();
  const namespaces = await core.listNamespace({ labelSelector });
  const live = namespaces.items.filter((ns) => !ns.metadata?.deletionTimestamp);
  for (let i = 0; i < live.length; i += 20) {
    await Promise.all(
      live.slice(i, i + 20).map((ns) => core.deleteNamespace({ name: ns.metadata!.name! }).catch(ignore404)),
    );
  }
  await core.deleteCollectionNamespacedSecret({ namespace: MEMBERS_NAMESPACE, labelSelector }).catch(ignore404);
  await core.deleteCollectionNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, labelSelector }).catch(ignore404);
  return live.length;
}

function ignore404(error: unknown): void {
  if (!isNotFound(error)) throw error;
}

/**
 * Inserts workspaces `from`..`to` (ids seed-w-<n>) as rows only, the way the product leaves
 * them: owner, workspace, namespace row, owner membership and the creation audit event. No
 * cluster objects. Then refreshes the planner's statistics, as autovacuum would.
 */
export async function seedWorkspaceRows(from: number, to: number, planId: string, prefix = "seed"): Promise<void> {
  if (to < from) return;
  const sql = db();
  const p = `${prefix}-`;
  await sql.$executeRaw`
    INSERT INTO users (id, name, email, email_verified, updated_at)
    SELECT ${p}::text || 'u-' || g, 'Seed user ' || g, ${p}::text || g || '@bench.canopy.test', now(), now()
      FROM generate_series(${from}::int, ${to}::int) g`;
  await sql.$executeRaw`
    INSERT INTO workspaces (id, slug, display_name, kind, status, plan_id, created_by_id, updated_at)
    SELECT ${p}::text || 'w-' || g, ${p}::text || g, 'Seed workspace ' || g, 'TEAM', 'READY', ${planId}, ${p}::text || 'u-' || g, now()
      FROM generate_series(${from}::int, ${to}::int) g`;
  await sql.$executeRaw`
    INSERT INTO workspace_namespaces (id, workspace_id, name)
    SELECT ${p}::text || 'n-' || g, ${p}::text || 'w-' || g, 'ws-' || ${p}::text || g FROM generate_series(${from}::int, ${to}::int) g`;
  await sql.$executeRaw`
    INSERT INTO memberships (id, workspace_id, user_id, role, updated_at)
    SELECT ${p}::text || 'm-' || g, ${p}::text || 'w-' || g, ${p}::text || 'u-' || g, 'OWNER', now() FROM generate_series(${from}::int, ${to}::int) g`;
  await sql.$executeRaw`
    INSERT INTO audit_events (workspace_id, actor_id, action, target_type, target_id, outcome, details)
    SELECT ${p}::text || 'w-' || g, ${p}::text || 'u-' || g, 'workspace.create', 'workspace', ${p}::text || 'w-' || g, 'SUCCESS', '{}'::jsonb
      FROM generate_series(${from}::int, ${to}::int) g`;
  await sql.$executeRawUnsafe("ANALYZE");
}

/**
 * The end of a rated history, as the rater leaves it: the daily rollups of [from, hour)
 * built by the rater's own function, this hour's minutes so far as unrated usage (a runtime's
 * pod CPU and memory, a volume's storage, per workspace), and the rating cursor at `hour`.
 * Then refreshes the planner's statistics, as autovacuum would.
 */
export async function finishRatedHistory(
  workspaces: { id: string; namespace: string }[],
  runtime: string,
  from: Date,
  hour: Date,
  now: Date,
): Promise<void> {
  await db().$transaction((tx) => rebuildDailyCharges(tx, from, hour), { timeout: 3_600_000 });
  const days = new Set<string>();
  for (let m = hour.getTime(); m < now.getTime(); m += 60_000) days.add(new Date(m).toISOString().slice(0, 10));
  await ensureLedgerPartitions(days);
  await db().$executeRaw`
    INSERT INTO usage_objects (object_uid, workspace_id, object_kind, namespace, object_name, runtime_name)
    SELECT 'bench-' || w.id || '-' || r.name, w.id, r.kind::"MeteredKind", w.namespace, r.name, r.runtime
      FROM unnest(${workspaces.map((w) => w.id)}::text[], ${workspaces.map((w) => w.namespace)}::text[])
             AS w(id, namespace),
           (VALUES ('POD', ${runtime} || '-0', ${runtime}), ('PVC', 'data', '')) AS r(kind, name, runtime)
    ON CONFLICT (object_uid) DO NOTHING`;
  await db().$executeRaw`
    INSERT INTO usage_ledger (object_id, minute, cpu, memory, storage)
    SELECT o.id, m, CASE WHEN o.object_kind = 'POD' THEN 100 END, CASE WHEN o.object_kind = 'POD' THEN 134217728 END,
           CASE WHEN o.object_kind = 'PVC' THEN 1073741824 END
      FROM usage_objects o,
           generate_series(${hour}::timestamptz, ${now}::timestamptz - interval '1 minute', interval '1 minute') m
     WHERE o.workspace_id = ANY(${workspaces.map((w) => w.id)}::text[]) AND o.object_uid LIKE 'bench-%'`;
  await db().meteringProgress.upsert({
    where: { id: RATING_CURSOR },
    create: { id: RATING_CURSOR, position: hour },
    update: { position: hour },
  });
  await db().$executeRawUnsafe("ANALYZE");
}
