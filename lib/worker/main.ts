// The background worker: one long-running process beside the portal, safe to run as several
// replicas. Every replica serves /livez, /readyz and /metrics (health-server.ts) and keeps
// the meter's view of the cluster warm; the replica that holds the Lease (leadership.ts)
// runs the loops (lib/worker/loop.ts): the reconciler (reconcile-loop.ts), metering, rating
// and billing enforcement (billing-loops.ts), pruning (prune-loop.ts), and notifications of
// quotas near their limit and failing runtimes (notification-loop.ts). On SIGTERM or SIGINT
// the runs in progress finish, the Lease is released (a standby takes over at once) and the
// process exits 0.
import { db } from "../db/client";
import { checkHealth } from "../health/check";
import { env } from "../config/env";
import { componentLogger } from "../observability/logger";
import { startBillingLoops, startMeter } from "./billing-loops";
import { startHealthServer } from "./health-server";
import { claimTerm, type Fence } from "./leader-election/leader-term";
import { workerElector, workerLeaseName } from "./leadership";
import type { Loop } from "./loop";
import { startNotificationLoop } from "./notification-loop";
import { startPruneLoop } from "./prune-loop";
import { startReconcileLoop } from "./reconcile-loop";

// A run still going after this long is abandoned on shutdown; every job is idempotent.
const STOP_GRACE_MS = 20_000;

const log = componentLogger("worker");
let stopping = false;
let stop: () => Promise<void> = async () => undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    setTimeout(() => {
      log.error("a run did not finish in time; exiting anyway");
      process.exit(0);
    }, STOP_GRACE_MS).unref();
    void stop()
      .then(() => db().$disconnect())
      .finally(() => process.exit(0));
  });
}

// A missing or wrong setting is named before anything is tried (checkHealth would only say "unreachable").
let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  log.fatal(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const health = await checkHealth();
if (!health.ok) {
  log.fatal({ database: health.database, kubernetes: health.kubernetes }, "cannot start: a dependency is unreachable");
  process.exit(1);
}

const server = await startHealthServer(config.CANOPY_WORKER_PORT);
log.info({ port: server.port }, "serving /livez, /readyz and /metrics");

let fence: Fence | undefined;
let loops: Loop[] = [];
const meter = await startMeter(() => fence, workerLeaseName());
const elector = workerElector({
  async onStartedLeading() {
    // The fencing token first: from now on a deposed leader's meter writes nothing.
    fence = await claimTerm(workerLeaseName(), elector.identity);
    log.info({ term: fence.term.toString() }, "leading: starting the loops");
    // Each loop registers here; its own module says what it does and how often.
    loops = [startReconcileLoop(), ...startBillingLoops(meter), startPruneLoop(), startNotificationLoop()];
  },
  async onStoppedLeading() {
    const running = loops;
    loops = [];
    await Promise.all(running.map((loop) => loop.stop()));
    fence = undefined;
    log.info("standing by");
  },
});
stop = async () => {
  await elector.stop();
  await Promise.all([meter.stop(), server.close()]);
};
if (!stopping) {
  elector.start();
  log.info({ identity: elector.identity }, "standing by for the worker Lease");
}
