import * as k8s from "@kubernetes/client-node";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { memberCore } from "@/lib/storage/volume-claim";
import { VOLUME_LABEL } from "@/lib/storage/labels";
import { toQuantity } from "@/lib/storage/size";
import { planStorageClasses, readStorageClass } from "@/lib/storage/storage-classes";
import { assertQuotaRoom, readStorageQuota } from "@/lib/storage/storage-quota";
import type { CreateVolume } from "@/lib/storage/volume-input";
import { MANAGED_BY, MANAGED_BY_LABEL } from "@/lib/tenancy/kube-names";
import { hasStatus, isConflict } from "@/lib/kube/status";

/**
 * Creates a PersistentVolumeClaim as the member (RBAC checks it a second time), after
 * checking the plan's storage classes and the quota so that a refusal can say exactly
 * what stands in the way.
 */
export async function createVolume(context: WorkspaceContext, input: CreateVolume): Promise<{ name: string }> {
  if (!can(context.membership.role, "runtime.write")) throw AppError.forbidden();

  const allowed = await planStorageClasses(context);
  if (!allowed.includes(input.storageClass)) {
    throw AppError.invalid(
      "storageClass",
      `“${input.storageClass}” is not offered on this workspace's plan. Choose ${allowed.length ? allowed.map((c) => `“${c}”`).join(" or ") : "a class the operator enables"}.`,
    );
  }
  if (!(await readStorageClass(input.storageClass))) {
    throw AppError.invalid("storageClass", `“${input.storageClass}” is not available on this cluster right now.`);
  }

  const extra = { bytes: input.size, volumes: 1 };
  assertQuotaRoom(await readStorageQuota(context), extra);

  const claim: k8s.V1PersistentVolumeClaim = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name: input.name,
      namespace: context.namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [VOLUME_LABEL]: input.name },
    },
    spec: {
      accessModes: [input.accessMode],
      volumeMode: input.volumeMode,
      storageClassName: input.storageClass,
      resources: { requests: { storage: toQuantity(input.size) } },
    },
  };
  const core = memberCore(context);
  try {
    await core.createNamespacedPersistentVolumeClaim({ namespace: context.namespace, body: claim });
  } catch (error) {
    if (isConflict(error)) {
      throw AppError.invalid("name", `A volume named “${input.name}” already exists in this workspace.`);
    }
    // Quota admission answers 403 too: if the quota filled up meanwhile, say so.
    if (hasStatus(error, 403)) assertQuotaRoom(await readStorageQuota(context), extra);
    throw error;
  }

  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action: "volume.create",
    outcome: "SUCCESS",
    targetType: "volume",
    targetId: input.name,
    details: {
      size: toQuantity(input.size),
      storageClass: input.storageClass,
      accessMode: input.accessMode,
      volumeMode: input.volumeMode,
    },
  });
  return { name: input.name };
}
