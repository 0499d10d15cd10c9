import { enforcementPass } from "@/lib/billing/enforcement";
import { ratingPass } from "@/lib/billing/rating-pass";
import { env } from "@/lib/config/env";
import { adminKubeConfig } from "@/lib/kube/client";
import { METERING_SCHEDULE, MeteringWorker, meteringCursorId } from "@/lib/metering/metering-worker";
import { componentLogger } from "@/lib/observability/logger";
import { ratingLag } from "@/lib/worker/billing-metrics";
import { assertTerm, type Fence } from "@/lib/worker/leader-election/leader-term";
import { startLoop, type Loop } from "@/lib/worker/loop";

/**
 * The worker's billing loops: metering (every few seconds; it writes a minute as soon as it
 * has ended), rating into hourly line items and statements, and enforcement (holds, budget
 * alerts, suspension and resumption). Metering and billing know nothing of each other's
 * schedule; the worker puts them side by side here. Registered by lib/worker/main.ts.
 */

const log = componentLogger("billing");

/**
 * The meter, with its informers started, on EVERY replica: a standby keeps its view of the
 * cluster warm (pods deleted meanwhile are remembered), so that on taking over it writes the
 * minutes since the last leader's cursor exactly as that leader would have. `fence` is read
 * on every write: only the current leader's term may write.
 */
export async function startMeter(fence: () => Fence | undefined, leaseName: string): Promise<MeteringWorker> {
  const config = env();
  const meter = new MeteringWorker({
    kubeConfig: adminKubeConfig(),
    // One cursor for all replicas: it names the installation's meter, not a pod.
    workerId: config.CANOPY_METERING_WORKER_ID ?? leaseName,
    catchupMinutes: config.CANOPY_METERING_CATCHUP_MINUTES,
    guard: async (tx) => {
      const current = fence();
      if (!current) throw new Error("not the leader: metering writes nothing");
      await assertTerm(tx, current);
    },
  });
  await meter.start();
  log.info({ cursor: meteringCursorId(meter.workerId) }, "informers synced");
  return meter;
}

/** The loops of a leader; stop them when leadership ends (the meter's informers keep running). */
export function startBillingLoops(meter: MeteringWorker): Loop[] {
  const config = env();
  meter.resetUsageBaseline();
  return [
    // Right after each minute ends (a new pod's first minute is then visible at once), and
    // every 5 s while a minute could not be written (view not ready, a failed write).
    startLoop(
      "metering",
      METERING_SCHEDULE.intervalMs,
      async () => {
        const result = await meter.step();
        if (result.minutes > 1) log.info({ minutes: result.minutes, rows: result.rows }, "metering caught up");
      },
      { aligned: METERING_SCHEDULE.aligned },
    ),
    startLoop("rating", 60_000, async () => {
      const result = await ratingPass();
      if (result.ratedTo) ratingLag.set((Date.now() - result.ratedTo.getTime()) / 1000);
    }),
    startLoop("billing-enforcement", 60_000, async () => {
      const r = await enforcementPass(new Date(), { graceMinutes: config.CANOPY_SUSPEND_GRACE_MINUTES });
      if (r.held.length || r.suspended.length || r.restopped.length || r.resumed.length) {
        log.info(
          {
            held: r.held.length,
            suspended: r.suspended.length,
            stoppedAgain: r.restopped.length,
            resumed: r.resumed.length,
          },
          "billing enforcement acted",
        );
      }
    }),
  ];
}
