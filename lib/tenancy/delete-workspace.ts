import * as k8s from "@kubernetes/client-node";
import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { MEMBERS_NAMESPACE, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { lockWorkspace, lockedActorRole } from "@/lib/tenancy/membership-tx";

export const deleteWorkspaceInput = z.object({
  confirmSlug: z.string().trim().max(100),
});

export const PERSONAL_DELETE_MESSAGE =
  "A personal workspace cannot be deleted: it belongs to your account for as long as the account exists.";

/**
 * Deletes a team workspace. One transaction marks it DELETING (deletedAt set, which is
 * where metering stops), revokes pending invitations, ends every membership and records
 * the audit event; then the cluster side runs. If that fails the workspace stays
 * DELETING and the reconciler calls finishWorkspaceDeletion again.
 */
export async function deleteWorkspace(
  context: WorkspaceContext,
  input: z.output<typeof deleteWorkspaceInput>,
): Promise<{ finished: boolean }> {
  const workspaceId = context.workspace.id;
  await db().$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    await lockedActorRole(tx, context, "workspace.delete");
    if (workspace.kind === "PERSONAL") throw new AppError("CONFLICT", PERSONAL_DELETE_MESSAGE);
    if (input.confirmSlug !== workspace.slug) {
      throw AppError.invalid("confirmSlug", `Type the workspace's URL name, ${workspace.slug}, to confirm.`);
    }
    const now = new Date();
    await tx.workspace.update({ where: { id: workspaceId }, data: { status: "DELETING", deletedAt: now } });
    const invitations = await tx.invitation.updateMany({
      where: { workspaceId, acceptedAt: null, declinedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const members = await tx.membership.deleteMany({ where: { workspaceId } });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "workspace.delete",
        outcome: "SUCCESS",
        targetType: "workspace",
        targetId: workspaceId,
        details: {
          slug: workspace.slug,
          namespace: context.namespace,
          membershipsEnded: members.count,
          invitationsRevoked: invitations.count,
        },
      },
      tx,
    );
  });
  try {
    await finishWorkspaceDeletion(workspaceId);
    return { finished: true };
  } catch (error) {
    console.error(
      `[tenancy] deleting workspace ${workspaceId} on the cluster failed; the reconciler will retry`,
      error,
    );
    return { finished: false };
  }
}

async function ignoreStatus<T>(call: Promise<T>, codes: number[]): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof k8s.ApiException && codes.includes(error.code)) return;
    throw error;
  }
}

/**
 * The cluster half of deleting a workspace, for deleteWorkspace and the reconciler:
 * deletes its namespaces (in the background, with everything in them) and its members'
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
    // 404: already gone; 409: already terminating.
    ...workspace.namespaces.map(({ name }) =>
      ignoreStatus(core.deleteNamespace({ name, propagationPolicy: "Background" }), [404, 409]),
    ),
    core.deleteCollectionNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, labelSelector: selector }),
    // Kubeconfig Secrets would follow their ServiceAccount by garbage collection; do not wait for it.
    core.deleteCollectionNamespacedSecret({ namespace: MEMBERS_NAMESPACE, labelSelector: selector }),
  ]);
  await db().workspace.updateMany({ where: { id: workspaceId, status: "DELETING" }, data: { status: "DELETED" } });
}
