// The background worker: one long-running process beside the portal. Each background job
// is a loop (lib/worker/loop.ts); on SIGTERM or SIGINT the worker lets the run in progress
// finish, then exits 0. The loops: the reconciler (reconcile-loop.ts), metering, rating
// and billing enforcement (billing-loops.ts), pruning (prune-loop.ts), and notifications of
// quotas near their limit and failing runtimes (notification-loop.ts).
import { env } from "../config/env";
import { db } from "../db/client";
import { checkHealth } from "../health/check";
import { startBillingLoops } from "./billing-loops";
import type { Loop } from "./loop";
import { startNotificationLoop } from "./notification-loop";
import { startPruneLoop } from "./prune-loop";
import { startReconcileLoop } from "./reconcile-loop";

// A run still going after this long is abandoned on shutdown; every job is idempotent.
const STOP_GRACE_MS = 20_000;

const loops: Loop[] = [];
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal} received, stopping`);
    setTimeout(() => {
      console.error("[worker] a run did not finish in time; exiting anyway");
      process.exit(0);
    }, STOP_GRACE_MS).unref();
    void Promise.all(loops.map((loop) => loop.stop()))
      .then(() => db().$disconnect())
      .finally(() => process.exit(0));
  });
}

// A missing or wrong setting is named before anything is tried (checkHealth would only say "unreachable").
try {
  env();
} catch (error) {
  console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const health = await checkHealth();
if (!health.ok) {
  console.error(
    `[worker] cannot start: database ${health.database ? "ok" : "unreachable"}, kubernetes ${health.kubernetes ? "ok" : "unreachable"}`,
  );
  process.exit(1);
}

// Each loop registers here; its own module says what it does and how often.
if (!stopping) loops.push(startReconcileLoop());
if (!stopping) loops.push(...(await startBillingLoops()));
if (!stopping) loops.push(startPruneLoop());
if (!stopping) loops.push(startNotificationLoop());
