import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { db } from "@/lib/db/client";
import { adminKubeConfig } from "@/lib/kube/client";
import { METERING_SCHEDULE, MeteringWorker, meteringCursorId } from "@/lib/metering/metering-worker";
import { INSTANCE_LABEL, canopyInstance } from "@/lib/tenancy/kube-names";
import { untilAligned } from "@/lib/worker/loop";
import { benchPod, createPod, seedNamespace, startedAt } from "./metering-cluster";

// The metering-at-scale benchmark's runs of the meter itself: informer memory measured
// with a fresh worker, a steady run of real minutes with fresh pods, and the freshness of
// those pods' first usage rows.

/** The worker's metering loop period (startBillingLoops). */
/** A fresh pod's first row comes at most ~65 s after it starts (the rest of its minute, then the loop). */
const FRESH_EVERY_MS = 20_000;
const FRESH_MARGIN_MS = 75_000;

// The meter's memory is its heap; gc() makes "before" and "after" comparable. Exposing it at
// run time spares the runner a node flag.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Waits until every object in `refs` has been garbage-collected. */
async function collected(refs: WeakRef<object>[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    gc();
    if (refs.every((r) => r.deref() === undefined)) return;
    if (Date.now() > deadline) throw new Error("a stopped worker's informer is still referenced (not collected)");
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const listsOf = (w: MeteringWorker) =>
  [w.view.namespaces, w.view.pods, w.view.claims, w.view.ingresses].reduce((n, i) => n + i.lists, 0);
export const restartsOf = (w: MeteringWorker) =>
  [w.view.namespaces, w.view.pods, w.view.claims, w.view.ingresses].reduce((n, i) => n + i.restarts, 0);

function newWorker(workerId: string): MeteringWorker {
  return new MeteringWorker({
    kubeConfig: adminKubeConfig(),
    workerId,
    catchupMinutes: 60,
    // Only the bench's namespaces, as the tests do; pods are watched cluster-wide regardless.
    extraNamespaceSelector: `${INSTANCE_LABEL}=${canopyInstance()}`,
    log: (message) => console.error(`[bench] metering-at-scale: ${message}`),
  });
}

export async function setCursor(workerId: string, position: Date): Promise<void> {
  const id = meteringCursorId(workerId);
  await db().meteringProgress.upsert({ where: { id }, create: { id, position }, update: { position } });
}

/**
 * One memory sample: the heap (after gc) before a fresh worker starts and once its informers
 * have listed, per pod. A run's own frame holds its worker, so that a stopped one can be
 * collected before the next "before" (a suspended caller's frame may keep dead locals).
 */
export async function memoryRun(workerId: string, pods: number, released: WeakRef<object>[], keep: boolean) {
  await collected(released);
  const before = heapAfterGc();
  const w = newWorker(workerId);
  const started = performance.now();
  await w.start();
  const listMs = performance.now() - started;
  const after = heapAfterGc();
  if (w.view.pods.list().length < pods) throw new Error(`informer lists ${w.view.pods.list().length} pods`);
  const kbPerPod = (after - before) / pods / 1000;
  if (keep) return { kbPerPod, listMs, worker: w };
  await w.stop();
  released.push(new WeakRef(w.view.pods));
  return { kbPerPod, listMs, worker: undefined };
}

interface FreshPod {
  namespace: string;
  name: string;
  uid?: string;
}

/**
 * Real minutes with the worker's own schedule (every 5 s and right after each minute ends, on
 * the real clock), creating a
 * fresh pod every 20 s while its first row can still arrive before the end.
 */
export async function steadyRun(worker: MeteringWorker, seconds: number, workspaces: number) {
  const minuteMs: number[] = [];
  const minuteRows: number[] = [];
  let notReady = 0;
  const fresh: FreshPod[] = [];
  const end = Date.now() + seconds * 1000;
  const creator = (async () => {
    for (let k = 0; Date.now() + FRESH_MARGIN_MS <= end; k++) {
      const pod = { namespace: seedNamespace(1 + ((k * 37) % workspaces)), name: `fresh-${k}` };
      await createPod(pod.namespace, benchPod(pod.name));
      fresh.push(pod);
      await sleep(FRESH_EVERY_MS);
    }
  })();
  while (Date.now() < end) {
    const tick = Date.now();
    const t0 = performance.now();
    const result = await worker.step(new Date());
    const ms = performance.now() - t0;
    if (result.skipped === "cluster view not ready") notReady++;
    if (result.minutes === 1) {
      minuteMs.push(ms);
      minuteRows.push(result.rows);
    }
    const now = Date.now();
    const next = Math.min(METERING_SCHEDULE.intervalMs - (now - tick), untilAligned(now, METERING_SCHEDULE.aligned));
    await sleep(Math.max(0, Math.min(next, end - now)));
  }
  await creator;
  return { minuteMs, minuteRows, notReady, fresh };
}

/** Pod start → its first usage row (recorded_at), and the two parts of it. */
export async function freshness(fresh: FreshPod[]) {
  const started = new Map<string, Date>();
  for (const pod of fresh) {
    const at = await startedAt(pod.namespace, pod.name);
    if (at) started.set(`${pod.namespace}/${pod.name}`, at);
  }
  const rows = await db().$queryRaw<{ namespace: string; object_name: string; minute: Date; recorded: Date }[]>`
    SELECT namespace, object_name, min(minute) AS minute, min(recorded_at) AS recorded
      FROM usage_minutes WHERE object_name LIKE 'fresh-%' GROUP BY namespace, object_name`;
  const total: number[] = [];
  const rule: number[] = [];
  const lag: number[] = [];
  for (const row of rows) {
    const start = started.get(`${row.namespace}/${row.object_name}`);
    if (!start) continue;
    const firstMinuteEnd = row.minute.getTime() + 60_000;
    total.push(row.recorded.getTime() - start.getTime());
    rule.push(firstMinuteEnd - start.getTime());
    lag.push(row.recorded.getTime() - firstMinuteEnd);
  }
  return { total, rule, lag, withoutRow: fresh.length - total.length };
}
