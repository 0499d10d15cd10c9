import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { env } from "@/lib/config/env";
import { pruneKubeconfigs } from "@/lib/credentials/prune-kubeconfigs";
import { ratedThrough } from "@/lib/billing/rating";
import { dropExpiredPartitions } from "@/lib/metering/ledger-retention";
import { pruneSamples } from "@/lib/metering/usage-samples";
import { componentLogger } from "@/lib/observability/logger";
import { longestRateLimitWindowSeconds } from "@/lib/rate-limits/enforce-rate-limit";
import { pruneIdleBuckets } from "@/lib/rate-limits/take-token";
import { startLoop, type Loop } from "@/lib/worker/loop";

const PRUNE_EVERY_MS = 5 * 60_000;
const log = componentLogger("prune");

/**
 * Every few minutes: dead kubeconfig Secrets and old rows, idle rate-limit buckets, old usage
 * samples, the REST API's old idempotency keys, the ledger's rated partitions past the retention.
 */
export function startPruneLoop(): Loop {
  return startLoop("prune", PRUNE_EVERY_MS, async () => {
    const kubeconfigs = await pruneKubeconfigs();
    const buckets = await pruneIdleBuckets(longestRateLimitWindowSeconds());
    const samples = await pruneSamples(new Date(Date.now() - env().CANOPY_USAGE_SAMPLE_RETENTION_HOURS * 3_600_000));
    const idempotencyKeys = await pruneIdempotencyKeys();
    const ledger = await dropExpiredPartitions({
      now: new Date(),
      retentionDays: env().CANOPY_LEDGER_RETENTION_DAYS,
      ratedThrough: await ratedThrough(),
    });
    if (
      kubeconfigs.secretsDeleted +
        kubeconfigs.rowsDeleted +
        buckets +
        samples +
        idempotencyKeys +
        ledger.dropped.length >
      0
    ) {
      log.info(
        {
          kubeconfigSecrets: kubeconfigs.secretsDeleted,
          kubeconfigRows: kubeconfigs.rowsDeleted,
          rateLimitBuckets: buckets,
          usageSamples: samples,
          idempotencyKeys,
          ledgerPartitions: ledger.dropped,
        },
        "pruned",
      );
    }
  });
}
