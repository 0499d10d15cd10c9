import * as k8s from "@kubernetes/client-node";
import { grantCredit } from "@/lib/billing/credits";
import { standingOf } from "@/lib/billing/standing";
import { adminApi } from "@/lib/kube/client";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { requestQuotaIncreaseInput } from "@/lib/quotas/quota-request-input";
import type { z } from "zod";

// Shared by the quota-request suites: the form's input as the browser sends it, credit for a
// workspace, and the workspace's ResourceQuota as the cluster has it.

export function askInput(fields: Partial<z.input<typeof requestQuotaIncreaseInput>>) {
  return requestQuotaIncreaseInput.parse({ justification: "A load test for the spring launch needs it.", ...fields });
}

export async function giveCredit(slug: string, dollars = 50): Promise<void> {
  await grantCredit({ workspaceSlug: slug, amountMicros: BigInt(dollars) * 1_000_000n, grantedBy: "quota tests" });
}

/** Takes the workspace's whole balance back (its sign-up credit), leaving it at zero. */
export async function emptyBalance(slug: string, workspaceId: string): Promise<void> {
  const { balance } = await standingOf(workspaceId);
  if (balance === 0n) return;
  await grantCredit({ workspaceSlug: slug, amountMicros: -balance, kind: "ADJUSTMENT", grantedBy: "quota tests" });
}

export async function clusterQuota(namespace: string): Promise<Record<string, string>> {
  const quota = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  return quota.spec?.hard ?? {};
}
