import type * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { parseQuantity } from "@/lib/kube/quantity";
import { isNotFound } from "@/lib/kube/status";
import { memberCore } from "@/lib/storage/volume-claim";
import { formatBytes } from "@/lib/storage/size";
import { readResourceQuota, type QuotaAmount, type ResourceQuotaReading } from "@/lib/tenancy/resource-quota";

// The workspace's storage quota as the API server counts it: the status of the
// ResourceQuota that provisioning writes (read by lib/tenancy/resource-quota.ts). Checking it
// before a change lets us say which limit stands in the way and by how much; the API
// server's own quota admission still has the last word. The status can lag behind: the
// quota controller recounts from its own cache, and under load it has been seen to write
// back a count without the newest claim, which then lets one claim too many through. So the
// claims are also counted live, and the larger figure wins.

export type Usage = QuotaAmount;

export interface StorageQuota {
  /** Bytes requested by all claims (requests.storage). */
  storage: Usage;
  /** Number of claims (persistentvolumeclaims). */
  volumes: Usage;
}

function usage(quota: ResourceQuotaReading, resource: string): Usage | null {
  const hard = quota.hard[resource];
  return hard === undefined ? null : { hard, used: quota.used[resource] ?? 0 };
}

/** The storage quota, or null when the workspace has none (yet). */
export async function readStorageQuota(context: WorkspaceContext): Promise<StorageQuota | null> {
  let quota: ResourceQuotaReading;
  let claims: k8s.V1PersistentVolumeClaimList;
  try {
    [quota, claims] = await Promise.all([
      readResourceQuota(context),
      memberCore(context).listNamespacedPersistentVolumeClaim({ namespace: context.namespace }),
    ]);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const storage = usage(quota, "requests.storage");
  const volumes = usage(quota, "persistentvolumeclaims");
  if (!storage || !volumes) return null;
  const requested = claims.items.reduce(
    (sum, claim) => sum + parseQuantity(claim.spec?.resources?.requests?.storage ?? "0"),
    0,
  );
  return {
    storage: { hard: storage.hard, used: Math.max(storage.used, requested) },
    volumes: { hard: volumes.hard, used: Math.max(volumes.used, claims.items.length) },
  };
}

/** Refuses, naming the limit and the shortfall, when `extra` does not fit in the quota. */
export function assertQuotaRoom(quota: StorageQuota | null, extra: { bytes: number; volumes: number }): void {
  if (!quota) return;
  const { volumes, storage } = quota;
  if (extra.volumes > 0 && volumes.used + extra.volumes > volumes.hard) {
    throw new AppError(
      "QUOTA_EXCEEDED",
      `This workspace already has ${volumes.used} of the ${volumes.hard} volumes its quota allows. Delete a volume first, or move to a larger plan.`,
    );
  }
  const left = Math.max(0, storage.hard - storage.used);
  if (extra.bytes > left) {
    const message =
      left === 0
        ? `${formatBytes(extra.bytes)} exceeds this workspace's storage quota: all ${formatBytes(storage.hard)} are in use.`
        : `${formatBytes(extra.bytes)} exceeds the ${formatBytes(left)} of storage left in this workspace's quota (${formatBytes(storage.used)} of ${formatBytes(storage.hard)} in use).`;
    throw new AppError("QUOTA_EXCEEDED", message, { fieldErrors: { size: [message] } });
  }
}
