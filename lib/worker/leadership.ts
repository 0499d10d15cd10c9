import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/lib/config/env";
import { adminKubeConfig } from "@/lib/kube/client";
import { LeaderElector } from "@/lib/worker/leader-election/leader-elector";
import { LeaseLock } from "@/lib/worker/leader-election/lease-lock";

// The worker's leader election: which replica runs the loops. The durations guarantee a
// takeover within 15 s of the leader's death: a standby sees the last renewal within one
// retry period (2 s + 10 % jitter), waits the lease duration (10 s) from then, and tries again
// within one more retry period: at most 2.2 + 10 + 2.2 = 14.4 s. A leader that could not
// renew for 8 s stops its loops, 2 s before anyone may take the Lease.

export const LEASE_DURATION_MS = 10_000;
export const RENEW_DEADLINE_MS = 8_000;
export const RETRY_PERIOD_MS = 2_000;

/**
 * The Lease's name. Installations sharing a cluster (CANOPY_INSTANCE, say development and
 * tests) are separate: each elects its own leader.
 */
export function workerLeaseName(): string {
  const config = env();
  if (config.CANOPY_WORKER_LEASE_NAME) return config.CANOPY_WORKER_LEASE_NAME;
  return config.CANOPY_INSTANCE === "default" ? "canopy-worker" : `canopy-worker-${config.CANOPY_INSTANCE}`;
}

/** The pod's name (POD_NAME, else the host name) and a random suffix: a restarted pod is a new candidate. */
export function workerIdentity(): string {
  return `${env().POD_NAME || hostname()}_${randomBytes(4).toString("hex")}`;
}

export function workerElector(callbacks: {
  onStartedLeading: () => Promise<void>;
  onStoppedLeading: () => Promise<void>;
}): LeaderElector {
  const config = env();
  return new LeaderElector({
    lock: new LeaseLock({
      kubeConfig: adminKubeConfig(),
      namespace: config.CANOPY_SYSTEM_NAMESPACE,
      name: workerLeaseName(),
      requestTimeoutMs: RETRY_PERIOD_MS,
    }),
    identity: workerIdentity(),
    leaseDurationMs: LEASE_DURATION_MS,
    renewDeadlineMs: RENEW_DEADLINE_MS,
    retryPeriodMs: RETRY_PERIOD_MS,
    ...callbacks,
  });
}
