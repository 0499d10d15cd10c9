import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { deleteOwnNamespace } from "@/lib/tenancy/claim-namespace";
import { MEMBERS_NAMESPACE, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";

/**
 * The cluster half of deleting a workspace, for deleteWorkspace and the reconciler:
 * deletes its namespaces (in the background, with everything in them; only namespaces that
 * carry its own labels, never one of the same name that someone else owns) and its members'
 * ServiceAccounts and kubeconfig Secrets, then marks it DELETED. Idempotent; refuses a workspace that is not
 * being deleted.
 */
export async function finishWorkspaceDeletion(workspaceId: string): Promise<void> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: { status: true, deletedAt: true, namespaces: { select: { name: true } } },
  });
  if (!workspace) throw AppError.notFound("Workspace");
  if (workspace.status === "DELETED") return;
  if (workspace.status !== "DELETING" || !workspace.deletedAt) {
    throw new AppError("CONFLICT", "This workspace is not being deleted.");
  }
  const core = adminApi(k8s.CoreV1Api);
  const selector = `${WORKSPACE_ID_LABEL}=${workspaceId}`;
  await Promise.all([
    ...workspace.namespaces.map(({ name }) => deleteOwnNamespace(workspaceId, name)),
    core.deleteCollectionNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, labelSelector: selector }),
    // Kubeconfig Secrets would follow their ServiceAccount by garbage collection; do not wait for it.
    core.deleteCollectionNamespacedSecret({ namespace: MEMBERS_NAMESPACE, labelSelector: selector }),
  ]);
  await db().workspace.updateMany({ where: { id: workspaceId, status: "DELETING" }, data: { status: "DELETED" } });
}
