import { hasStatus, statusOf } from "@/lib/kube/status";
import { AppError } from "@/lib/errors/app-error";
import { QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";
import { readResourceQuotaAsPlatform } from "@/lib/tenancy/resource-quota";

// What a workspace uses now of each quota key, in plan units (millicores, MiB, GiB, counts),
// from its ResourceQuota's status as the quota controller counted it; and its limits as the
// cluster holds them. A namespace without a quota yet uses nothing.

const TO_PLAN_UNITS: Record<QuotaKey, number> = {
  cpu: 1000,
  memory: 1 / 2 ** 20,
  storage: 1 / 2 ** 30,
  pods: 1,
  volumes: 1,
  services: 1,
};

export interface KeyUsage {
  key: QuotaKey;
  /** Rounded up: a workspace using 1.2 MiB uses more than 1 MiB. */
  used: number;
  /** The limit the cluster holds now (spec.hard), or null when there is no quota yet. */
  clusterLimit: number | null;
}

export async function workspaceUsage(namespace: string): Promise<KeyUsage[]> {
  try {
    const quota = await readResourceQuotaAsPlatform(namespace);
    return QUOTA_KEYS.map(({ key, resource }) => ({
      key,
      used: Math.ceil((quota.used[resource] ?? 0) * TO_PLAN_UNITS[key] - 1e-9),
      clusterLimit: quota.spec[resource] === undefined ? null : Math.round(quota.spec[resource] * TO_PLAN_UNITS[key]),
    }));
  } catch (error) {
    if (hasStatus(error, 404)) return QUOTA_KEYS.map(({ key }) => ({ key, used: 0, clusterLimit: null }));
    if (!statusOf(error))
      throw new AppError("UNAVAILABLE", "The cluster cannot be reached right now.", { cause: error });
    throw error;
  }
}
