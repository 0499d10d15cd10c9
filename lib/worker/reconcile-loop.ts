import { env } from "@/lib/config/env";
import { componentLogger } from "@/lib/observability/logger";
import { EventReconciler } from "@/lib/tenancy/event-reconciler";
import { startLoop, type Loop } from "@/lib/worker/loop";

const log = componentLogger("reconciler");

/**
 * The reconciler (docs/decisions/013): watches converge a workspace as soon as one of its
 * objects changes; every CANOPY_RECONCILE_INTERVAL_SECONDS (10 minutes by default) a full
 * pass queues every workspace, as a safety net. Only the leader runs it (lib/worker/main.ts).
 */
export function startReconcileLoop(): Loop {
  const intervalSeconds = env().CANOPY_RECONCILE_INTERVAL_SECONDS;
  const reconciler = new EventReconciler();
  let halt = () => {};
  const halted = new Promise<void>((resolve) => (halt = resolve));
  const started = reconciler.start();
  const loop = startLoop("reconciler", intervalSeconds * 1000, async () => {
    // The first pass waits for the informers' first lists (or for a stop).
    if ((await Promise.race([started.then(() => true), halted.then(() => false)])) === false) return;
    const queued = await reconciler.fullPass();
    log.debug({ queued }, "full pass queued every workspace");
  });
  log.info({ fullPassIntervalSeconds: intervalSeconds }, "reconciling on changes");
  return {
    async stop() {
      halt();
      await loop.stop();
      await reconciler.stop();
    },
  };
}
