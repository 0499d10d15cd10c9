import type { WorkspaceContext } from "@/lib/authz/context";
import { assignableRoles, effectiveRole, ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { newTokenSecret } from "@/lib/api-tokens/token-secret";
import type { CreateApiToken } from "@/lib/api-tokens/token-input";

// A member makes a personal access token for this workspace: a role no higher than their
// own, an expiry no later than the operator allows, optionally limited to one environment
// (where the role is no higher than the member's role there). The token is returned once;
// only its hash is kept.

/** At most this many live tokens per member and workspace. */
export const MAX_TOKENS_PER_MEMBER = 50;

export interface CreatedApiToken {
  id: string;
  /** The secret itself: shown once, never stored. */
  token: string;
  expiresAt: Date;
}

export async function createApiToken(context: WorkspaceContext, input: CreateApiToken): Promise<CreatedApiToken> {
  if (context.actor.apiToken) throw AppError.forbidden("API tokens are made in the browser, not with another token.");
  const scope = input.environment ? await environmentScope(context, input.environment) : null;
  const ceiling = scope?.role ?? context.membership.role;
  if (!assignableRoles(ceiling).includes(input.role)) {
    throw AppError.invalid(
      "role",
      scope
        ? `A token's role cannot be higher than yours in ${input.environment} (${ROLE_LABELS[ceiling]}).`
        : `A token's role cannot be higher than yours (${ROLE_LABELS[ceiling]}).`,
    );
  }
  const maxDays = env().CANOPY_API_TOKEN_MAX_DAYS;
  if (input.expiresInDays > maxDays) {
    throw AppError.invalid("expiresInDays", `A token lasts at most ${maxDays} days on this platform.`);
  }
  const live = await db().apiToken.count({
    where: { membershipId: context.membership.id, revokedAt: null, expiresAt: { gt: new Date() } },
  });
  if (live >= MAX_TOKENS_PER_MEMBER) {
    throw new AppError(
      "LIMIT_REACHED",
      `You have ${MAX_TOKENS_PER_MEMBER} active tokens in this workspace. Revoke one first.`,
    );
  }

  const secret = newTokenSecret();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        membershipId: context.membership.id,
        name: input.name,
        role: input.role,
        prefix: secret.prefix,
        secretHash: secret.hash,
        expiresAt,
        environmentId: scope?.id ?? null,
        environmentName: scope ? input.environment : null,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        workspaceId: context.workspace.id,
        actor: context.actor,
        action: "apiToken.create",
        outcome: "SUCCESS",
        targetType: "apiToken",
        targetId: created.id,
        details: {
          name: input.name,
          role: input.role,
          expiresAt: expiresAt.toISOString(),
          ...(scope ? { environment: input.environment } : {}),
        },
      },
      tx,
    );
    return created;
  });
  return { id: row.id, token: secret.token, expiresAt };
}

/** The environment a token is limited to, and the member's role there (never above their workspace role). */
async function environmentScope(context: WorkspaceContext, environment: string): Promise<{ id: string; role: Role }> {
  const row = await db().workspaceNamespace.findUnique({
    where: { workspaceId_environment: { workspaceId: context.workspace.id, environment } },
    select: { id: true, roles: { where: { membershipId: context.membership.id }, select: { role: true } } },
  });
  if (!row) throw AppError.invalid("environment", "No such environment in this workspace.");
  return { id: row.id, role: effectiveRole(context.membership.role, row.roles[0]?.role) };
}
