import * as k8s from "@kubernetes/client-node";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { CREDENTIAL_OF_LABEL, MEMBERS_NAMESPACE } from "@/lib/tenancy/kube-names";
import { ignoreNotFound } from "@/lib/kube/status";

// Revocation deletes the Secret a token is bound to; the API server refuses the token
// from then on. Members revoke their own kubeconfigs; owners and admins anyone's.

export const revokeKubeconfigInput = z.object({ credentialId: z.string().min(1) });
export const revokeAllKubeconfigsInput = z.object({ membershipId: z.string().min(1).optional() });

function ownerFilter(context: WorkspaceContext) {
  return can(context.membership.role, "kubeconfig.revokeAny") ? {} : { membershipId: context.membership.id };
}

async function deleteSecret(name: string): Promise<void> {
  await ignoreNotFound(adminApi(k8s.CoreV1Api).deleteNamespacedSecret({ name, namespace: MEMBERS_NAMESPACE }));
}

/** Revokes one kubeconfig: the caller's own, or (owners and admins, unless `own`) anyone's. */
export async function revokeKubeconfig(
  context: WorkspaceContext,
  input: z.output<typeof revokeKubeconfigInput>,
  { own = false }: { own?: boolean } = {},
): Promise<{ label: string }> {
  const credential = await db().kubeconfigCredential.findFirst({
    where: {
      id: input.credentialId,
      workspaceId: context.workspace.id,
      ...(own ? { membershipId: context.membership.id } : ownerFilter(context)),
    },
  });
  if (!credential) throw AppError.notFound("That kubeconfig");
  // The cluster first: the credential must be dead before we report it revoked.
  await deleteSecret(credential.secretName);
  await db().$transaction(async (tx) => {
    await tx.kubeconfigCredential.updateMany({
      where: { id: credential.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(
      {
        workspaceId: context.workspace.id,
        actor: context.actor,
        action: "kubeconfig.revoke",
        outcome: "SUCCESS",
        targetType: "kubeconfig",
        targetId: credential.id,
        details: { label: credential.label, owner: credential.userId },
      },
      tx,
    );
  });
  return { label: credential.label };
}

/** Revokes every kubeconfig of one member of this workspace (the caller's own by default). */
export async function revokeAllKubeconfigs(
  context: WorkspaceContext,
  input: z.output<typeof revokeAllKubeconfigsInput>,
): Promise<{ revoked: number }> {
  const membershipId = input.membershipId ?? context.membership.id;
  if (membershipId !== context.membership.id && !can(context.membership.role, "kubeconfig.revokeAny")) {
    throw AppError.forbidden("Only owners and admins can revoke other members' kubeconfigs.");
  }
  const membership = await db().membership.findFirst({
    where: { id: membershipId, workspaceId: context.workspace.id },
    select: { id: true },
  });
  if (!membership) throw AppError.notFound("That member");

  await adminApi(k8s.CoreV1Api).deleteCollectionNamespacedSecret({
    namespace: MEMBERS_NAMESPACE,
    labelSelector: `${CREDENTIAL_OF_LABEL}=${membershipId}`,
  });
  return db().$transaction(async (tx) => {
    const { count } = await tx.kubeconfigCredential.updateMany({
      where: { membershipId, workspaceId: context.workspace.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(
      {
        workspaceId: context.workspace.id,
        actor: context.actor,
        action: "kubeconfig.revokeAll",
        outcome: "SUCCESS",
        targetType: "membership",
        targetId: membershipId,
        details: { revoked: count },
      },
      tx,
    );
    return { revoked: count };
  });
}
