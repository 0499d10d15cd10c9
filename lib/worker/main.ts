// The background worker: one long-running process beside the portal. Each background job
// is a loop (lib/worker/loop.ts); on SIGTERM or SIGINT the worker lets the run in progress
// finish, then exits 0. Later features (metering, budget enforcement) add their loops here.
import { env } from "../config/env";
import { db } from "../db/client";
import { checkHealth } from "../health/check";
import { startBillingLoops } from "../metering/worker";
import { formatSummary, isNoteworthy, reconcileAll } from "../tenancy/reconcile";
import { startLoop, type Loop } from "./loop";

// A run still going after this long is abandoned on shutdown; every job is idempotent.
const STOP_GRACE_MS = 20_000;
// Passes re-apply only drifted workspaces; this often one re-applies all, as a safety net.
const FULL_RECONCILE_EVERY_MS = 10 * 60_000;

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

const health = await checkHealth();
if (!health.ok) {
  console.error(
    `[worker] cannot start: database ${health.database ? "ok" : "unreachable"}, kubernetes ${health.kubernetes ? "ok" : "unreachable"}`,
  );
  process.exit(1);
}

if (!stopping) {
  const reconcileSeconds = env().CANOPY_RECONCILE_INTERVAL_SECONDS;
  let lastFullReconcile = Date.now();
  loops.push(
    // Quiet unless a pass changed or failed something, so the log shows drift, not heartbeats.
    startLoop("reconciler", reconcileSeconds * 1000, async () => {
      const all = Date.now() - lastFullReconcile >= FULL_RECONCILE_EVERY_MS;
      const summary = await reconcileAll({ all });
      if (all) lastFullReconcile = Date.now();
      if (isNoteworthy(summary)) {
        (summary.failed.length ? console.error : console.log)(`[reconciler] ${formatSummary(summary)}`);
      }
    }),
  );
  console.log(`[worker] connected to PostgreSQL and Kubernetes; reconciling every ${reconcileSeconds}s`);
}

// Metering, rating and billing enforcement (lib/metering/worker.ts).
if (!stopping) loops.push(...(await startBillingLoops()));
