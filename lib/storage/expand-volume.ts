import * as k8s from "@kubernetes/client-node";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { parseQuantity } from "@/lib/kube/quantity";
import { formatBytes, toQuantity } from "@/lib/storage/size";
import { readStorageClass } from "@/lib/storage/storage-classes";
import { assertQuotaRoom, readStorageQuota } from "@/lib/storage/storage-quota";
import { memberCore, readVolumeClaim } from "@/lib/storage/volume-claim";
import type { ExpandVolume } from "@/lib/storage/volume-input";
import { hasStatus, isConflict } from "@/lib/kube/status";

/**
 * Grows a bound volume when its class allows it (volumes never shrink). The claim's new
 * request is written as the member, conditional on the version we checked; the storage
 * driver (locally: scripts/stack/dev-volume-resizer.ts) then grows the volume itself.
 */
export async function expandVolume(
  context: WorkspaceContext,
  input: ExpandVolume,
): Promise<{ name: string; size: string }> {
  if (!can(context.membership.role, "runtime.write")) throw AppError.forbidden();
  const claim = await readVolumeClaim(context, input.name);

  const current = parseQuantity(claim.spec?.resources?.requests?.storage ?? "0");
  if (input.size <= current) {
    throw AppError.invalid(
      "size",
      `Choose a size larger than the current ${formatBytes(current)}: volumes can grow but never shrink.`,
    );
  }
  if (claim.status?.phase !== "Bound") {
    throw new AppError("CONFLICT", `“${input.name}” is not bound yet; it can be expanded once it is Bound.`);
  }
  const className = claim.spec?.storageClassName;
  const storageClass = className ? await readStorageClass(className) : null;
  if (!storageClass?.expandable) {
    throw AppError.invalid(
      "size",
      className
        ? `The storage class “${className}” does not allow expanding volumes.`
        : "This volume has no storage class, so it cannot be expanded.",
    );
  }
  const extra = { bytes: input.size - current, volumes: 0 };
  assertQuotaRoom(await readStorageQuota(context), extra);

  const size = toQuantity(input.size);
  try {
    await memberCore(context).patchNamespacedPersistentVolumeClaim(
      {
        name: input.name,
        namespace: context.namespace,
        // The resourceVersion makes the patch fail (409) if the claim changed since we read it.
        body: {
          metadata: { resourceVersion: claim.metadata?.resourceVersion },
          spec: { resources: { requests: { storage: size } } },
        },
      },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
  } catch (error) {
    if (isConflict(error)) {
      throw new AppError("CONFLICT", `“${input.name}” changed meanwhile. Reload the page and try again.`);
    }
    if (hasStatus(error, 403)) assertQuotaRoom(await readStorageQuota(context), extra);
    throw error;
  }

  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action: "volume.expand",
    outcome: "SUCCESS",
    targetType: "volume",
    targetId: input.name,
    details: { from: toQuantity(current), to: size },
  });
  return { name: input.name, size };
}
