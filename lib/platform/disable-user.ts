import * as k8s from "@kubernetes/client-node";
import { z } from "zod";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { LAST_ADMIN_MESSAGE, countActiveAdmins, lockPlatformAdmins } from "@/lib/platform/admin-lock";
import { CREDENTIAL_OF_LABEL, MEMBERS_NAMESPACE } from "@/lib/tenancy/kube-names";

// Disabling a user: in one transaction the user is marked disabled (sign-in refuses them,
// lib/auth/sign-in-refusals.ts; the session lookup and the workspace guard ignore them),
// every session row is deleted (signed out everywhere at their next request, and an open web
// terminal within its 3 s check), and their kubeconfigs are marked revoked; then the Secrets
// every kubeconfig token is bound to are deleted, so the API server refuses those tokens.
// Memberships stay: enabling the user gives them back everything but the kubeconfigs.
// Disabling again repeats the cluster step, so a failed deletion can be retried.

export const disableUserInput = z.object({
  userId: z.string().trim().min(1, "Choose a user.").max(64),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
});
export const enableUserInput = z.object({ userId: z.string().trim().min(1, "Choose a user.").max(64) });

export interface DisableResult {
  sessionsEnded: number;
  kubeconfigsRevoked: number;
}

async function deleteCredentialSecrets(membershipIds: string[]): Promise<void> {
  if (membershipIds.length === 0) return;
  await adminApi(k8s.CoreV1Api).deleteCollectionNamespacedSecret({
    namespace: MEMBERS_NAMESPACE,
    labelSelector: `${CREDENTIAL_OF_LABEL} in (${membershipIds.join(",")})`,
  });
}

export async function disableUser(
  context: PlatformContext,
  input: z.output<typeof disableUserInput>,
): Promise<DisableResult> {
  if (input.userId === context.actor.userId) throw AppError.forbidden("You cannot disable your own account.");
  const result = await db().$transaction(async (tx) => {
    await lockPlatformAdmins(tx);
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: {
        email: true,
        disabledAt: true,
        platformAdmin: { select: { revokedAt: true } },
        memberships: { select: { id: true } },
      },
    });
    if (!user) throw AppError.notFound("That user");
    const activeAdmin = user.platformAdmin !== null && user.platformAdmin.revokedAt === null && !user.disabledAt;
    if (activeAdmin && (await countActiveAdmins(tx)) <= 1) throw new AppError("CONFLICT", LAST_ADMIN_MESSAGE);
    const now = new Date();
    if (!user.disabledAt) await tx.user.update({ where: { id: input.userId }, data: { disabledAt: now } });
    const sessions = await tx.session.deleteMany({ where: { userId: input.userId } });
    const kubeconfigs = await tx.kubeconfigCredential.updateMany({
      where: { userId: input.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.user.disable",
        outcome: "SUCCESS",
        targetType: "user",
        targetId: input.userId,
        details: {
          email: user.email,
          reason: input.reason,
          sessionsEnded: sessions.count,
          kubeconfigsRevoked: kubeconfigs.count,
          alreadyDisabled: user.disabledAt !== null,
        },
      },
      tx,
    );
    return {
      membershipIds: user.memberships.map((m) => m.id),
      sessionsEnded: sessions.count,
      kubeconfigsRevoked: kubeconfigs.count,
    };
  });
  try {
    await deleteCredentialSecrets(result.membershipIds);
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      "The user is disabled and signed out, but the cluster did not confirm that their kubeconfigs are revoked. Disable them again to retry.",
      { cause: error },
    );
  }
  return { sessionsEnded: result.sessionsEnded, kubeconfigsRevoked: result.kubeconfigsRevoked };
}

export async function enableUser(context: PlatformContext, input: z.output<typeof enableUserInput>): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { email: true, disabledAt: true } });
    if (!user) throw AppError.notFound("That user");
    if (!user.disabledAt) throw new AppError("CONFLICT", "This user is not disabled.");
    await tx.user.update({ where: { id: input.userId }, data: { disabledAt: null } });
    await recordPlatformAudit(
      {
        actor: context.actor,
        action: "platform.user.enable",
        outcome: "SUCCESS",
        targetType: "user",
        targetId: input.userId,
        details: { email: user.email, disabledSince: user.disabledAt.toISOString() },
      },
      tx,
    );
  });
}
