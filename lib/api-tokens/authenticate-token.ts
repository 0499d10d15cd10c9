import type { Actor } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashToken, looksLikeToken } from "@/lib/api-tokens/token-secret";

// Who a REST API request acts for: the Authorization header's bearer token, found by its
// hash. Cookies are never read, so a browser's session cannot call the API (and there is no
// cross-site request forgery to defend against there). The guard checks the token again,
// with the membership and the workspace, on every request (lib/authz/guard.ts).

export const MISSING_TOKEN_MESSAGE = "Send an API token in the Authorization header: Bearer cnp_…";

export interface TokenActor extends Actor {
  apiToken: { id: string };
  /** The token's workspace, for auditing a refusal met before the guard (a rate limit). */
  workspaceId: string;
}

/** Last use is written at most this often per token, so a busy token does not write on every request. */
const LAST_USED_RESOLUTION_SECONDS = 30;

export async function authenticateApiToken(
  authorization: string | null,
  clientAddress: string | null,
): Promise<TokenActor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("UNAUTHENTICATED", MISSING_TOKEN_MESSAGE);
  const token = match[1]!;
  if (!looksLikeToken(token)) throw new AppError("UNAUTHENTICATED", "This is not a Canopy API token.");

  const rows = await db().$queryRaw<
    { id: string; user_id: string; workspace_id: string; revoked: boolean; expired: boolean; stale: boolean }[]
  >`
    SELECT t.id, m.user_id, m.workspace_id, t.revoked_at IS NOT NULL AS revoked,
           t.expires_at <= statement_timestamp() AS expired,
           (t.last_used_at IS NULL OR t.last_used_at < statement_timestamp()
              - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS})) AS stale
      FROM api_tokens t JOIN memberships m ON m.id = t.membership_id
     WHERE t.secret_hash = ${hashToken(token)}`;
  const row = rows[0];
  if (!row) throw new AppError("UNAUTHENTICATED", "This API token is not valid.");
  if (row.revoked) throw new AppError("UNAUTHENTICATED", "This API token was revoked.");
  if (row.expired) throw new AppError("UNAUTHENTICATED", "This API token has expired.");
  if (row.stale) {
    await db().$executeRaw`UPDATE api_tokens SET last_used_at = statement_timestamp() WHERE id = ${row.id}`;
  }
  return { userId: row.user_id, clientAddress, apiToken: { id: row.id }, workspaceId: row.workspace_id };
}
