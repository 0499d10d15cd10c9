import { enforcementPass } from "@/lib/billing/enforcement";
import { ratingPass } from "@/lib/billing/rating-pass";
import { env } from "@/lib/config/env";
import { adminKubeConfig } from "@/lib/kube/client";
import { MeteringWorker, meteringCursorId } from "@/lib/metering/metering-worker";
import { startLoop, type Loop } from "@/lib/worker/loop";

/**
 * The worker's billing loops: metering (every few seconds; it writes a minute as soon as it
 * has ended), rating into hourly line items and statements, and enforcement (holds, budget
 * alerts, suspension and resumption). Metering and billing know nothing of each other's
 * schedule; the worker puts them side by side here. Registered by lib/worker/main.ts.
 */
export async function startBillingLoops(): Promise<Loop[]> {
  const config = env();
  const worker = new MeteringWorker({
    kubeConfig: adminKubeConfig(),
    workerId: config.CANOPY_METERING_WORKER_ID,
    catchupMinutes: config.CANOPY_METERING_CATCHUP_MINUTES,
  });
  await worker.start();
  console.log(`[metering] informers synced; metering as ${meteringCursorId(worker.workerId)}`);
  return [
    startLoop("metering", 5_000, async () => {
      const result = await worker.step();
      if (result.minutes > 1) console.log(`[metering] caught up ${result.minutes} minutes (${result.rows} new rows)`);
    }),
    startLoop("rating", 60_000, async () => {
      await ratingPass();
    }),
    startLoop("billing-enforcement", 60_000, async () => {
      const r = await enforcementPass(new Date(), { graceMinutes: config.CANOPY_SUSPEND_GRACE_MINUTES });
      if (r.held.length || r.suspended.length || r.restopped.length || r.resumed.length) {
        console.log(
          `[billing] held ${r.held.length}, suspended ${r.suspended.length}, stopped again ${r.restopped.length}, resumed ${r.resumed.length}`,
        );
      }
    }),
    { stop: () => worker.stop() },
  ];
}
