import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { describeMounts, findMounts } from "@/lib/storage/mounts";
import { memberCore, readVolumeClaim } from "@/lib/storage/volume-claim";
import type { DeleteVolume } from "@/lib/storage/volume-input";
import { isNotFound } from "@/lib/kube/status";

/**
 * Deletes a volume and its data, refused while a runtime or a pod mounts it: the data
 * would vanish from under a running application, or the claim would hang in Terminating.
 */
export async function deleteVolume(context: WorkspaceContext, input: DeleteVolume): Promise<void> {
  if (!can(context.membership.role, "runtime.write")) throw AppError.forbidden();
  const claim = await readVolumeClaim(context, input.name);

  const mounts = (await findMounts(context)).get(input.name) ?? [];
  if (mounts.length > 0) {
    throw new AppError(
      "CONFLICT",
      `“${input.name}” is mounted by ${describeMounts(mounts)}. Remove it from there (or delete what mounts it) before deleting the volume.`,
    );
  }

  try {
    await memberCore(context).deleteNamespacedPersistentVolumeClaim({
      name: input.name,
      namespace: context.namespace,
      // Only the claim we checked, not one re-created meanwhile under the same name.
      body: { preconditions: { uid: claim.metadata?.uid } },
    });
  } catch (error) {
    if (isNotFound(error)) throw AppError.notFound(`Volume “${input.name}”`);
    throw error;
  }

  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action: "volume.delete",
    outcome: "SUCCESS",
    targetType: "volume",
    targetId: input.name,
    details: {
      size: claim.spec?.resources?.requests?.storage ?? null,
      storageClass: claim.spec?.storageClassName ?? null,
    },
  });
}
