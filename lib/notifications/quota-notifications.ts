import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { QUOTA_LINES } from "@/lib/workspaces/get-quota-usage";
import { INSTANCE_LABEL, QUOTA_NAME, canopyInstance } from "@/lib/tenancy/kube-names";
import { membersWhoCan } from "@/lib/notifications/recipients";
import { notify } from "@/lib/notifications/notify";
import { workspacesByNamespace } from "@/lib/notifications/workspaces-by-namespace";

// Quota near its limit: the worker reads every workspace quota of this installation in one
// label-selected list, and for each resource at 80, 90 or 100 % of its limit notifies the
// members who create things (runtime.write) of the highest threshold reached, once per
// resource, threshold and UTC day (the key), however often it runs and on however many
// workers.

export const QUOTA_THRESHOLDS = [100, 90, 80] as const;

/** The highest threshold `used` reaches of `hard`, or null. */
export function quotaThreshold(used: number, hard: number): number | null {
  if (hard <= 0) return null;
  return QUOTA_THRESHOLDS.find((t) => used * 100 >= hard * t) ?? null;
}

function amount(quantities: Record<string, string> | undefined, key: string): number | undefined {
  const value = quantities?.[key];
  return value === undefined ? undefined : parseQuantity(value);
}

export interface QuotaFinding {
  namespace: string;
  resource: string;
  label: string;
  threshold: number;
}

/** Which of the quotas' resources reached a threshold. */
export function quotaFindings(quotas: k8s.V1ResourceQuota[]): QuotaFinding[] {
  const findings: QuotaFinding[] = [];
  for (const quota of quotas) {
    for (const line of QUOTA_LINES) {
      const hard = amount(quota.spec?.hard, line.resource) ?? amount(quota.status?.hard, line.resource);
      const used = amount(quota.status?.used, line.resource);
      if (hard === undefined || used === undefined) continue;
      const threshold = quotaThreshold(used, hard);
      if (threshold !== null) {
        findings.push({ namespace: quota.metadata!.namespace!, resource: line.resource, label: line.label, threshold });
      }
    }
  }
  return findings;
}

/** One pass over every workspace quota; returns how many notifications were new. */
export async function notifyQuotaThresholds(now: Date = new Date()): Promise<number> {
  const list = await adminApi(k8s.CoreV1Api).listResourceQuotaForAllNamespaces({
    labelSelector: `${INSTANCE_LABEL}=${canopyInstance()}`,
    fieldSelector: `metadata.name=${QUOTA_NAME}`,
  });
  const findings = quotaFindings(list.items);
  const workspaces = await workspacesByNamespace(findings.map((f) => f.namespace));
  const day = now.toISOString().slice(0, 10);
  let created = 0;
  for (const finding of findings) {
    const workspace = workspaces.get(finding.namespace);
    if (!workspace) continue;
    created += await notify(await membersWhoCan(workspace.id, "runtime.write"), {
      kind: "QUOTA",
      key: `quota:${workspace.id}:${finding.resource}:${finding.threshold}:${day}`,
      workspaceId: workspace.id,
      title: `${workspace.displayName}: ${finding.label} quota ${finding.threshold >= 100 ? "used up" : `at ${finding.threshold}%`}`,
      body:
        finding.threshold >= 100
          ? `Nothing more that needs ${finding.label.toLowerCase()} can start. Free some, or ask for more quota.`
          : `${finding.threshold}% of the workspace's ${finding.label.toLowerCase()} quota is in use.`,
      href: `/w/${workspace.slug}`,
    });
  }
  return created;
}
