import type { WorkspaceContext } from "@/lib/authz/context";
import { assignableRoles, ROLE_LABELS } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { newTokenSecret } from "@/lib/api-tokens/token-secret";
import type { CreateApiToken } from "@/lib/api-tokens/token-input";

// A member makes a personal access token for this workspace: a role no higher than their
// own, an expiry no later than the operator allows. The token is returned once; only its
// hash is kept.

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
  if (!assignableRoles(context.membership.role).includes(input.role)) {
    throw AppError.invalid(
      "role",
      `A token's role cannot be higher than yours (${ROLE_LABELS[context.membership.role]}).`,
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
        details: { name: input.name, role: input.role, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return created;
  });
  return { id: row.id, token: secret.token, expiresAt };
}
