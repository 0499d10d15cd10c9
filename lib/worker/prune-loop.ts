import { pruneKubeconfigs } from "@/lib/credentials/prune-kubeconfigs";
import { longestRateLimitWindowSeconds } from "@/lib/rate-limits/enforce-rate-limit";
import { pruneIdleBuckets } from "@/lib/rate-limits/take-token";
import { startLoop, type Loop } from "@/lib/worker/loop";

const PRUNE_EVERY_MS = 5 * 60_000;

/** Every few minutes: dead kubeconfig Secrets and old rows, and idle rate-limit buckets. */
export function startPruneLoop(): Loop {
  return startLoop("prune", PRUNE_EVERY_MS, async () => {
    const kubeconfigs = await pruneKubeconfigs();
    const buckets = await pruneIdleBuckets(longestRateLimitWindowSeconds());
    if (kubeconfigs.secretsDeleted + kubeconfigs.rowsDeleted + buckets > 0) {
      console.log(
        `[prune] ${kubeconfigs.secretsDeleted} kubeconfig Secret(s), ${kubeconfigs.rowsDeleted} kubeconfig row(s), ${buckets} idle rate-limit bucket(s)`,
      );
    }
  });
}
