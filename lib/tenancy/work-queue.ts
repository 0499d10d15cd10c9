import { Counter, Gauge, Histogram } from "prom-client";
import { defineMetric } from "@/lib/observability/metrics";

// The reconciler's work queue, keyed by workspace (as client-go's workqueue):
// - a key queued twice is worked once (dedupe); one queued while it is being worked is
//   worked again afterwards, never by two workers at once;
// - a failed key is retried after an exponential backoff per key (500 ms doubling up to
//   5 minutes), and its failures are forgotten once it succeeds;
// - `concurrency` keys are worked at a time.
// Measured: the depth (keys waiting), and the latency from a key's first queueing to the
// end of the run that handled it (the repair latency of a tampered object, minus the watch).

const depth = defineMetric(
  "canopy_reconcile_queue_depth",
  (registers) =>
    new Gauge({
      name: "canopy_reconcile_queue_depth",
      help: "Workspaces waiting in the reconciler's queue",
      registers,
    }),
);

const latency = defineMetric(
  "canopy_reconcile_queue_latency_seconds",
  (registers) =>
    new Histogram({
      name: "canopy_reconcile_queue_latency_seconds",
      help: "From a workspace's queueing (a change seen by a watch, a full pass, a retry) to the end of its reconcile, by outcome (ok, failed)",
      labelNames: ["outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
);

const retries = defineMetric(
  "canopy_reconcile_queue_retries_total",
  (registers) =>
    new Counter({
      name: "canopy_reconcile_queue_retries_total",
      help: "Workspaces queued again after a failed reconcile",
      registers,
    }),
);

export interface WorkQueueOptions {
  concurrency: number;
  handle: (key: string) => Promise<void>;
  onError?: (key: string, error: unknown, attempt: number) => void;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export class WorkQueue {
  private readonly waiting = new Map<string, number>(); // key → first queued at (ms)
  private readonly active = new Set<string>();
  private readonly again = new Map<string, number>(); // queued while active
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters: (() => void)[] = [];
  private running = 0;
  private stopped = false;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WorkQueueOptions) {}

  add(key: string, queuedAt = Date.now()): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      if (!this.again.has(key)) this.again.set(key, queuedAt);
      return;
    }
    if (!this.waiting.has(key)) this.waiting.set(key, queuedAt);
    depth.set(this.waiting.size);
    this.pump();
  }

  get length(): number {
    return this.waiting.size;
  }

  /** Resolves when nothing is waiting, worked or due for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
    this.again.clear();
    depth.set(0);
    await Promise.all(this.inFlight);
  }

  private isIdle(): boolean {
    return this.waiting.size === 0 && this.running === 0 && this.timers.size === 0;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.options.concurrency) {
      const next = this.waiting.entries().next();
      if (next.done) break;
      const [key, queuedAt] = next.value;
      this.waiting.delete(key);
      depth.set(this.waiting.size);
      this.running++;
      this.active.add(key);
      const work = this.work(key, queuedAt);
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async work(key: string, queuedAt: number): Promise<void> {
    try {
      await this.options.handle(key);
      this.failures.delete(key);
      latency.observe({ outcome: "ok" }, (Date.now() - queuedAt) / 1000);
    } catch (error) {
      latency.observe({ outcome: "failed" }, (Date.now() - queuedAt) / 1000);
      const attempt = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, attempt);
      this.options.onError?.(key, error, attempt);
      this.retryLater(key, attempt);
    } finally {
      this.active.delete(key);
      this.running--;
      const again = this.again.get(key);
      this.again.delete(key);
      if (again !== undefined) this.add(key, again);
      else this.pump();
    }
  }

  private retryLater(key: string, attempt: number): void {
    if (this.stopped) return;
    const base = this.options.baseBackoffMs ?? 500;
    const delay = Math.min(base * 2 ** (attempt - 1), this.options.maxBackoffMs ?? 300_000);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      retries.inc();
      this.add(key);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
