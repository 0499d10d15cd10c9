import { Counter, Histogram } from "prom-client";
import { AppError } from "@/lib/errors/app-error";
import { defineMetric } from "@/lib/observability/metrics";
import type { ReconcileSummary } from "@/lib/tenancy/reconcile";

// How converging the cluster to PostgreSQL goes, in whichever process does it (the portal
// when a workspace is created or changed, the worker's reconciler on every pass).
// Outcomes are "ok" or an error's kind, never a workspace.

const provisionDuration = defineMetric(
  "canopy_workspace_provision_duration_seconds",
  (registers) =>
    new Histogram({
      name: "canopy_workspace_provision_duration_seconds",
      help: "Applying one workspace's bundle to the cluster (provisionWorkspace), by outcome: ok, or the AppError code.",
      labelNames: ["outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
);

const reconcileDuration = defineMetric(
  "canopy_reconcile_pass_duration_seconds",
  (registers) =>
    new Histogram({
      name: "canopy_reconcile_pass_duration_seconds",
      help: 'One reconcile pass over every workspace (reconcileAll), by outcome: "ok", "partial" (some steps failed) or "error".',
      labelNames: ["outcome"] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
);

const reconcileResults = defineMetric(
  "canopy_reconcile_results_total",
  (registers) =>
    new Counter({
      name: "canopy_reconcile_results_total",
      help: "What reconcile passes did, by result: converged, in_sync, became_ready, objects_restored, namespaces_removed, service_accounts_removed, deletions_finished, failed.",
      labelNames: ["result"] as const,
      registers,
    }),
);

function outcomeOf(error: unknown): string {
  return error instanceof AppError ? error.code : "error";
}

/** Runs one provisioning, measuring how long it took and how it ended. */
export async function measureProvisioning<T>(provision: () => Promise<T>): Promise<T> {
  const end = provisionDuration.startTimer();
  try {
    const result = await provision();
    end({ outcome: "ok" });
    return result;
  } catch (error) {
    end({ outcome: outcomeOf(error) });
    throw error;
  }
}

/** Runs one reconcile pass, measuring it and counting what it did. */
export async function measureReconcilePass(pass: () => Promise<ReconcileSummary>): Promise<ReconcileSummary> {
  const end = reconcileDuration.startTimer();
  let summary: ReconcileSummary;
  try {
    summary = await pass();
  } catch (error) {
    end({ outcome: "error" });
    throw error;
  }
  end({ outcome: summary.failed.length ? "partial" : "ok" });
  const counts: Record<string, number> = {
    converged: summary.converged,
    in_sync: summary.inSync,
    became_ready: summary.becameReady,
    objects_restored: summary.changedObjects,
    namespaces_removed: summary.removedNamespaces,
    service_accounts_removed: summary.removedServiceAccounts,
    deletions_finished: summary.finishedDeletions,
    failed: summary.failed.length,
  };
  for (const [result, count] of Object.entries(counts)) reconcileResults.inc({ result }, count);
  return summary;
}
