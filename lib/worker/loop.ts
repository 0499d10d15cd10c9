// A background loop for the worker: runs `task` now and then every `intervalMs`, measured
// from the start of one run to the start of the next. A run that takes longer than the
// interval delays the next one; two runs never overlap. An aligned loop also runs at set
// instants of the clock. Each run's outcome and duration are
// counted by loop name (canopy_worker_loop_runs_total, canopy_worker_loop_duration_seconds).
import { Counter, Histogram } from "prom-client";
import { componentLogger } from "@/lib/observability/logger";
import { metricsRegistry } from "@/lib/observability/metrics";

const runs = new Counter({
  name: "canopy_worker_loop_runs_total",
  help: "Runs of the worker's loops, by loop and outcome (ok, failed)",
  labelNames: ["loop", "outcome"] as const,
  registers: [metricsRegistry],
});

const durations = new Histogram({
  name: "canopy_worker_loop_duration_seconds",
  help: "How long a run of a worker loop took, by loop",
  labelNames: ["loop"] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [metricsRegistry],
});

export interface Loop {
  /** Stops scheduling and resolves once the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

export interface LoopOptions {
  /** Also run `afterMs` after every multiple of `everyMs` on the clock (the meter: right after a minute ends). */
  aligned?: { everyMs: number; afterMs: number };
}

/** Milliseconds from `now` to the next instant `afterMs` past a multiple of `everyMs`. */
export function untilAligned(now: number, { everyMs, afterMs }: { everyMs: number; afterMs: number }): number {
  const next = now - (now % everyMs) + afterMs;
  return (next > now ? next : next + everyMs) - now;
}

export function startLoop(
  name: string,
  intervalMs: number,
  task: () => Promise<void>,
  options: LoopOptions = {},
): Loop {
  const log = componentLogger(name);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = () => {
    const started = Date.now();
    const end = durations.startTimer({ loop: name });
    running = task()
      .then(() => runs.inc({ loop: name, outcome: "ok" }))
      .catch((error: unknown) => {
        runs.inc({ loop: name, outcome: "failed" });
        log.error({ err: error }, "run failed");
      })
      .finally(() => {
        end();
        running = undefined;
        if (stopped) return;
        const now = Date.now();
        const wait = Math.max(0, intervalMs - (now - started));
        timer = setTimeout(run, options.aligned ? Math.min(wait, untilAligned(now, options.aligned)) : wait);
      });
  };
  run();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
