import { env } from "@/lib/config/env";
import { componentLogger } from "@/lib/observability/logger";
import { formatSummary, isNoteworthy, reconcileAll } from "@/lib/tenancy/reconcile";
import { startLoop, type Loop } from "@/lib/worker/loop";

// Passes re-apply only drifted workspaces; this often one re-applies all, as a safety net.
const FULL_RECONCILE_EVERY_MS = 10 * 60_000;
const log = componentLogger("reconciler");

/** The reconciler: every CANOPY_RECONCILE_INTERVAL_SECONDS, the cluster is brought in line with PostgreSQL. */
export function startReconcileLoop(): Loop {
  const reconcileSeconds = env().CANOPY_RECONCILE_INTERVAL_SECONDS;
  let lastFullReconcile = Date.now();
  const loop = startLoop("reconciler", reconcileSeconds * 1000, async () => {
    const all = Date.now() - lastFullReconcile >= FULL_RECONCILE_EVERY_MS;
    const summary = await reconcileAll({ all });
    if (all) lastFullReconcile = Date.now();
    // Quiet unless a pass changed or failed something, so the log shows drift, not heartbeats.
    if (isNoteworthy(summary)) {
      if (summary.failed.length) log.error(formatSummary(summary));
      else log.info(formatSummary(summary));
    }
  });
  log.info({ intervalSeconds: reconcileSeconds }, "reconciling");
  return loop;
}
