import { randomBytes, randomUUID } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { z } from "zod";
import { auditEventData } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/authz/context";
import { env } from "@/lib/config/env";
import { assertTokenMayIssueKubeconfig } from "@/lib/credentials/kubeconfig-by-token";
import { kubeconfigFile } from "@/lib/credentials/kubeconfig-file";
import { publicCluster } from "@/lib/credentials/public-cluster";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { enforceRateLimit } from "@/lib/rate-limits/enforce-rate-limit";
import {
  CREDENTIAL_OF_LABEL,
  INSTANCE_LABEL,
  canopyInstance,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MEMBERS_NAMESPACE,
  WORKSPACE_ID_LABEL,
  memberServiceAccountName,
} from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { hasStatus, isNotFound } from "@/lib/kube/status";
import { AppError } from "@/lib/errors/app-error";

const CREDENTIAL_STORE_FULL =
  "Canopy cannot issue more kubeconfigs right now: the cluster's limit on stored credentials is reached. Revoke kubeconfigs you no longer use, or ask the operator.";

export const issueKubeconfigInput = z.object({
  label: z
    .string()
    .trim()
    .min(1, "Give this kubeconfig a name, for example the machine it is for.")
    .max(60, "Use at most 60 characters."),
  lifetimeHours: z.coerce
    .number({ message: "Enter a number of hours." })
    .int("Use whole hours.")
    .min(1, "The shortest lifetime is 1 hour."),
});

export interface IssuedKubeconfig {
  credentialId: string;
  kubeconfig: string;
  filename: string;
  expiresAt: Date;
  /** The lifetime asked for was above the operator's maximum and was shortened. */
  capped: boolean;
}

/** The member's ServiceAccount, or null when it is missing. */
async function readMemberServiceAccount(context: WorkspaceContext): Promise<k8s.V1ServiceAccount | null> {
  const name = memberServiceAccountName(context.membership.id);
  return adminApi(k8s.CoreV1Api)
    .readNamespacedServiceAccount({ name, namespace: MEMBERS_NAMESPACE })
    .catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
}

/**
 * Issues a kubeconfig for the calling member: a TokenRequest token for their
 * ServiceAccount, bound to a Secret of its own (deleting the Secret revokes exactly this
 * token; deleting the ServiceAccount revokes all of them), never a client certificate. With
 * an API token, only when the token holds the member's whole role (kubeconfig-by-token.ts).
 */
export async function issueKubeconfig(
  context: WorkspaceContext,
  input: z.output<typeof issueKubeconfigInput>,
): Promise<IssuedKubeconfig> {
  // The checks and the reads side by side: nothing is created before every check has passed.
  const [, , found, user] = await Promise.all([
    assertTokenMayIssueKubeconfig(context),
    enforceRateLimit(
      "kubeconfig.issue",
      { user: context.actor.userId, workspace: context.workspace.id },
      { workspaceId: context.workspace.id, actor: context.actor },
    ),
    readMemberServiceAccount(context),
    db().user.findUniqueOrThrow({ where: { id: context.actor.userId }, select: { email: true } }),
  ]);
  const maxHours = env().CANOPY_KUBECONFIG_MAX_HOURS;
  const hours = Math.min(input.lifetimeHours, maxHours);
  const core = adminApi(k8s.CoreV1Api);
  let serviceAccount = found;
  if (!serviceAccount) {
    // The identity is missing (e.g. the cluster was restored): converge, then use it.
    await provisionWorkspace(context.workspace.id);
    serviceAccount = await readMemberServiceAccount(context);
    if (!serviceAccount) throw new Error(`the ServiceAccount of membership ${context.membership.id} is missing`);
  }
  const secretName = `kubeconfig-${randomBytes(8).toString("hex")}`;

  const secret = await core
    .createNamespacedSecret({
      namespace: MEMBERS_NAMESPACE,
      body: {
        metadata: {
          name: secretName,
          labels: {
            [MANAGED_BY_LABEL]: MANAGED_BY,
            [INSTANCE_LABEL]: canopyInstance(),
            [WORKSPACE_ID_LABEL]: context.workspace.id,
            [CREDENTIAL_OF_LABEL]: context.membership.id,
          },
          // Removing the member's ServiceAccount garbage-collects their credentials too.
          ownerReferences: [
            {
              apiVersion: "v1",
              kind: "ServiceAccount",
              name: serviceAccount.metadata!.name!,
              uid: serviceAccount.metadata!.uid!,
            },
          ],
        },
        type: "Opaque",
      },
    })
    .catch((error: unknown) => {
      // The portal's own identity may create Secrets there, so a refusal is the members'
      // namespace's quota (lib/tenancy/workspace-bundle.ts): say so instead of "your role".
      if (hasStatus(error, 403)) throw new AppError("UNAVAILABLE", CREDENTIAL_STORE_FULL, { cause: error });
      throw error;
    });

  try {
    const request = await core.createNamespacedServiceAccountToken({
      name: serviceAccount.metadata!.name!,
      namespace: MEMBERS_NAMESPACE,
      body: {
        spec: {
          audiences: [],
          expirationSeconds: hours * 3600,
          boundObjectRef: { apiVersion: "v1", kind: "Secret", name: secretName, uid: secret.metadata!.uid! },
        },
      },
    });
    const token = request.status!.token;
    const expiresAt = new Date(request.status!.expirationTimestamp);

    const credentialId = randomUUID();
    const audit = auditEventData({
      workspaceId: context.workspace.id,
      environment: context.environment,
      actor: context.actor,
      action: "kubeconfig.issue",
      outcome: "SUCCESS",
      targetType: "kubeconfig",
      targetId: credentialId,
      details: { label: input.label, hours, expiresAt: expiresAt.toISOString() },
    });
    // The record and its audit event in one statement: atomic without a transaction's three
    // extra round trips (issuance is measured against its floor, issue 15).
    await db().$executeRaw`
      WITH credential AS (
        INSERT INTO kubeconfig_credentials (id, workspace_id, membership_id, user_id, label, secret_name, expires_at)
        VALUES (${credentialId}, ${context.workspace.id}, ${context.membership.id}, ${context.actor.userId},
                ${input.label}, ${secretName}, ${expiresAt})
        RETURNING id)
      INSERT INTO audit_events (workspace_id, actor_id, client_address, action, outcome, target_type, target_id,
                                environment, details)
      SELECT ${audit.workspaceId}, ${audit.actorId}, ${audit.clientAddress}, ${audit.action},
             ${audit.outcome}::"AuditOutcome", ${audit.targetType}, credential.id, ${audit.environment},
             ${JSON.stringify(audit.details)}::jsonb
        FROM credential`;

    return {
      credentialId,
      kubeconfig: kubeconfigFile({
        cluster: publicCluster(),
        workspaceSlug: context.workspace.slug,
        namespace: context.namespace,
        userName: user.email ?? context.actor.userId,
        token,
      }),
      // Scoped to the environment it was issued in (its namespace is the context's).
      filename:
        context.environment === "default"
          ? `kubeconfig-${context.workspace.slug}.yaml`
          : `kubeconfig-${context.workspace.slug}-${context.environment}.yaml`,
      expiresAt,
      capped: input.lifetimeHours > maxHours,
    };
  } catch (error) {
    // No record means no credential: take the Secret (and any token bound to it) back.
    await core.deleteNamespacedSecret({ name: secretName, namespace: MEMBERS_NAMESPACE }).catch(() => undefined);
    throw error;
  }
}
