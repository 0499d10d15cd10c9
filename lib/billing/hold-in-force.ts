import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { statusOf } from "@/lib/kube/status";
import { BILLING_HOLD_REFUSAL } from "@/lib/tenancy/billing-hold-policy";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";

// Applying the hold's label and quota is not the same as the API server enforcing them: the
// quota controller copies spec.hard to status.hard, which admission reads, and the admission
// policies read namespace labels from a cache. Suspension stops workloads only once both are
// in force, so nothing can start again behind it; resumption restores them only once both
// are lifted, so its own scale-ups are not refused.

const POLL_MS = 200;

/** A Deployment asking for one replica, created as a dry run only: is a scale-up refused here? */
function probe(): k8s.V1Deployment {
  const labels = { "canopy.dev/hold-probe": "true" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { generateName: "canopy-hold-probe-", labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "probe", image: "canopy.invalid/probe" }] } },
    },
  };
}

/**
 * Whether the hold's admission policy refuses a scale-up here; "unknown" when another policy
 * refuses the probe first (the quota is then the only sign waited for).
 */
async function scaleUpRefused(namespace: string): Promise<boolean | "unknown"> {
  try {
    await adminApi(k8s.AppsV1Api).createNamespacedDeployment({ namespace, body: probe(), dryRun: "All" });
    return false;
  } catch (error) {
    const status = statusOf(error);
    if (status?.code === 403 && status.message?.includes(BILLING_HOLD_REFUSAL)) return true;
    if (status?.code === 403) return "unknown";
    throw error;
  }
}

async function quotaTakenUp(namespace: string, held: boolean): Promise<boolean> {
  const quota = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  const wanted = quota.spec?.hard?.pods;
  const enforced = quota.status?.hard?.pods;
  if (wanted === undefined || enforced === undefined) return false;
  return parseQuantity(wanted) === parseQuantity(enforced) && (parseQuantity(wanted) === 0) === held;
}

/** Waits until the namespace's hold is enforced (`held`) or lifted; throws after `timeoutMs`. */
export async function waitForHold(namespace: string, held: boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [quota, refused] = await Promise.all([quotaTakenUp(namespace, held), scaleUpRefused(namespace)]);
    if (quota && (refused === held || refused === "unknown")) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the billing hold on ${namespace} was not ${held ? "in force" : "lifted"} after ${timeoutMs / 1000}s (quota ${quota ? "ready" : "not ready"}, scale-ups ${refused === true ? "refused" : "allowed"})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
