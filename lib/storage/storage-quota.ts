import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { formatBytes } from "@/lib/storage/size";
import { memberUsername } from "@/lib/tenancy/kube-names";

// The workspace's storage quota as the API server counts it: the status of the
// ResourceQuota that provisioning writes (lib/tenancy/workspace-bundle.ts). Checking it
// before a change lets us say which limit stands in the way and by how much; the API
// server's own quota admission still has the last word. The status can lag behind: the
// quota controller recounts from its own cache, and under load it has been seen to write
// back a count without the newest claim, which then lets one claim too many through. So the
// claims are also counted live, and the larger figure wins.

export const QUOTA_NAME = "canopy-quota";

export interface Usage {
  used: number;
  hard: number;
}

export interface StorageQuota {
  /** Bytes requested by all claims (requests.storage). */
  storage: Usage;
  /** Number of claims (persistentvolumeclaims). */
  volumes: Usage;
}

function usage(status: k8s.V1ResourceQuotaStatus | undefined, resource: string): Usage | null {
  const hard = status?.hard?.[resource];
  if (hard === undefined) return null;
  const used = status?.used?.[resource];
  return { hard: parseQuantity(hard), used: used === undefined ? 0 : parseQuantity(used) };
}

/** The storage quota, or null when the workspace has none (yet). */
export async function readStorageQuota(context: WorkspaceContext): Promise<StorageQuota | null> {
  const core = memberApi(memberUsername(context.membership.id), k8s.CoreV1Api);
  const namespace = context.namespace;
  let quota: k8s.V1ResourceQuota;
  let claims: k8s.V1PersistentVolumeClaimList;
  try {
    [quota, claims] = await Promise.all([
      core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace }),
      core.listNamespacedPersistentVolumeClaim({ namespace }),
    ]);
  } catch (error) {
    if (error instanceof k8s.ApiException && error.code === 404) return null;
    throw error;
  }
  const storage = usage(quota.status, "requests.storage");
  const volumes = usage(quota.status, "persistentvolumeclaims");
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
