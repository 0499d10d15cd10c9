import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { memberCore } from "@/lib/storage/volume-claim";
import { parseQuantity } from "@/lib/kube/quantity";
import { MANAGED_BY, MANAGED_BY_LABEL } from "@/lib/tenancy/kube-names";
import { findMounts, type Mount } from "@/lib/storage/mounts";
import { readStorageClass, type StorageClassInfo } from "@/lib/storage/storage-classes";

// Every claim in the workspace's namespace, also those made with kubectl: they use the
// same quota, and a member should see all of what they pay for.

export interface VolumeSummary {
  name: string;
  /** Pending, Bound or Lost; "Terminating" while a deletion waits for its finalizer. */
  status: string;
  requestedBytes: number;
  /** What the volume provides (status.capacity); null until bound. */
  capacityBytes: number | null;
  storageClass: string | null;
  accessModes: string[];
  volumeMode: string;
  createdAt: Date | null;
  /** Created through Canopy (as opposed to kubectl). */
  managed: boolean;
  /** The class lets it grow. */
  expandable: boolean;
  /** Bound, and a larger size was asked for than it has yet. */
  resizing: boolean;
  /** Why a pending claim is still pending, from its latest warning event. */
  pendingReason: string | null;
  mountedBy: Mount[];
}

function bytes(quantity: string | undefined): number | null {
  return quantity === undefined ? null : parseQuantity(quantity);
}

/** The newest warning event message per claim, by uid (a name may have been used before). */
async function latestWarnings(context: WorkspaceContext): Promise<Map<string, string>> {
  const events = await memberCore(context).listNamespacedEvent({
    namespace: context.namespace,
    fieldSelector: "involvedObject.kind=PersistentVolumeClaim,type=Warning",
  });
  const time = (e: k8s.CoreV1Event) =>
    new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? 0).getTime();
  const warnings = new Map<string, string>();
  for (const event of [...events.items].sort((a, b) => time(a) - time(b))) {
    if (event.involvedObject.uid && event.message) warnings.set(event.involvedObject.uid, event.message);
  }
  return warnings;
}

/** The volumes' names and requested sizes only: one list of claims as the member (no mounts, classes or events). */
export async function listVolumeSizes(context: WorkspaceContext): Promise<{ name: string; requestedBytes: number }[]> {
  if (!can(context.membership.role, "runtime.read")) throw AppError.forbidden();
  const claims = await memberCore(context).listNamespacedPersistentVolumeClaim({ namespace: context.namespace });
  return claims.items
    .map((claim) => ({
      name: claim.metadata?.name ?? "",
      requestedBytes: bytes(claim.spec?.resources?.requests?.storage) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listVolumes(context: WorkspaceContext): Promise<VolumeSummary[]> {
  if (!can(context.membership.role, "runtime.read")) throw AppError.forbidden();
  const core = memberCore(context);
  const [claims, mounts] = await Promise.all([
    core.listNamespacedPersistentVolumeClaim({ namespace: context.namespace }),
    findMounts(context),
  ]);
  const pending = claims.items.some((c) => c.status?.phase === "Pending");
  const warnings = pending ? await latestWarnings(context) : new Map<string, string>();
  const classNames = new Set(claims.items.flatMap((c) => (c.spec?.storageClassName ? [c.spec.storageClassName] : [])));
  const classes = new Map<string, StorageClassInfo | null>(
    await Promise.all([...classNames].map(async (name) => [name, await readStorageClass(name)] as const)),
  );

  return claims.items
    .map((claim): VolumeSummary => {
      const name = claim.metadata?.name ?? "";
      const phase = claim.status?.phase ?? "Pending";
      const requestedBytes = bytes(claim.spec?.resources?.requests?.storage) ?? 0;
      const capacityBytes = phase === "Bound" ? bytes(claim.status?.capacity?.storage) : null;
      const storageClass = claim.spec?.storageClassName ?? null;
      return {
        name,
        status: claim.metadata?.deletionTimestamp ? "Terminating" : phase,
        requestedBytes,
        capacityBytes,
        storageClass,
        accessModes: claim.spec?.accessModes ?? [],
        volumeMode: claim.spec?.volumeMode ?? "Filesystem",
        createdAt: claim.metadata?.creationTimestamp ? new Date(claim.metadata.creationTimestamp) : null,
        managed: claim.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY,
        expandable: storageClass ? (classes.get(storageClass)?.expandable ?? false) : false,
        resizing: capacityBytes !== null && requestedBytes > capacityBytes,
        pendingReason: phase === "Pending" ? (warnings.get(claim.metadata?.uid ?? "") ?? null) : null,
        mountedBy: mounts.get(name) ?? [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
