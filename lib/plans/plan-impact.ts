import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { effectiveLimits } from "@/lib/quotas/effective-limits";
import { QUOTA_KEYS, type OverridableField, type QuotaKey } from "@/lib/quotas/quota-keys";
import { INSTANCE_LABEL, QUOTA_NAME, canopyInstance } from "@/lib/tenancy/kube-names";

// Which workspaces a change of a plan's quota affects, read before it is saved: every live
// workspace on the plan, and among them those whose usage now (the ResourceQuota's
// status.used, as the quota controller counts it) is above the limit they would have, the
// plan's new figure unless their own override sets that key. Read with the portal's own
// identity in one label-selected list, as the operator's overview reads capacity.

export type PlanQuota = Record<OverridableField, number>;

export interface OverQuotaKey {
  key: QuotaKey;
  used: number;
  limit: number;
}

export interface AffectedWorkspace {
  id: string;
  slug: string;
  displayName: string;
  over: OverQuotaKey[];
}

export interface PlanImpact {
  workspaces: number;
  overQuota: AffectedWorkspace[];
}

/** Plan units per base unit of the ResourceQuota's figures (cores, bytes, counts). */
const PLAN_UNITS: Record<QuotaKey, number> = {
  cpu: 1000,
  memory: 1 / 2 ** 20,
  storage: 1 / 2 ** 30,
  pods: 1,
  volumes: 1,
  services: 1,
};

/** status.used of each workspace namespace's quota, by namespace, in plan units. */
async function usageByNamespace(): Promise<Map<string, Partial<Record<QuotaKey, number>>>> {
  const quotas = await adminApi(k8s.CoreV1Api).listResourceQuotaForAllNamespaces({
    labelSelector: `${INSTANCE_LABEL}=${canopyInstance()}`,
    fieldSelector: `metadata.name=${QUOTA_NAME}`,
  });
  const usage = new Map<string, Partial<Record<QuotaKey, number>>>();
  for (const quota of quotas.items) {
    const used = quota.status?.used ?? {};
    const byKey: Partial<Record<QuotaKey, number>> = {};
    for (const { key, resource } of QUOTA_KEYS) {
      const value = used[resource];
      // Rounded up: a part of a millicore or MiB in use is over a limit it exceeds at all.
      if (value) byKey[key] = Math.ceil(parseQuantity(value) * PLAN_UNITS[key] - 1e-9);
    }
    usage.set(quota.metadata?.namespace ?? "", byKey);
  }
  return usage;
}

/**
 * The live workspaces on the plan, and which would be over the proposed quota. Given the
 * plan as it is, only keys whose limit the change lowers count: a workspace already over a
 * limit the change leaves alone is not the change's doing.
 */
export async function planImpact(planId: string, proposed: PlanQuota, current?: PlanQuota): Promise<PlanImpact> {
  const workspaces = await db().workspace.findMany({
    where: { planId, deletedAt: null },
    select: {
      id: true,
      slug: true,
      displayName: true,
      quotaOverride: true,
      namespaces: { select: { name: true } },
    },
    orderBy: { slug: "asc" },
  });
  if (workspaces.length === 0) return { workspaces: 0, overQuota: [] };
  const usage = await usageByNamespace();
  const overQuota: AffectedWorkspace[] = [];
  for (const workspace of workspaces) {
    const limits = effectiveLimits(proposed, workspace.quotaOverride);
    const before = current ? effectiveLimits(current, workspace.quotaOverride) : null;
    const over: OverQuotaKey[] = [];
    for (const namespace of workspace.namespaces) {
      const used = usage.get(namespace.name) ?? {};
      for (const { key, field } of QUOTA_KEYS) {
        const amount = used[key] ?? 0;
        const lowered = !before || limits[field] < before[field];
        if (lowered && amount > limits[field]) over.push({ key, used: amount, limit: limits[field] });
      }
    }
    if (over.length > 0) {
      overQuota.push({ id: workspace.id, slug: workspace.slug, displayName: workspace.displayName, over });
    }
  }
  return { workspaces: workspaces.length, overQuota };
}
