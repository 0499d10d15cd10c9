import type { WorkspaceContext } from "@/lib/authz/context";
import { ROLE_LABELS, roleAtLeast, type Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// A kubeconfig carries the member's ServiceAccount, whose RBAC in every environment is the
// member's role there (docs/decisions/012-environments.md): not narrowed by an API token.
// So a request made with a token may issue one only when the token holds that much already:
// its role is at least the member's workspace role (then in every environment the token acts
// with exactly what the kubeconfig grants), and it is not scoped to one environment (the
// kubeconfig would reach the others). See docs/decisions/011-api-token-format.md.

export async function assertTokenMayIssueKubeconfig(context: WorkspaceContext): Promise<void> {
  const tokenId = context.actor.apiToken?.id;
  if (!tokenId) return;
  const rows = await db().$queryRaw<{ token_role: Role; member_role: Role; environment_name: string | null }[]>`
    SELECT t.role::text AS token_role, m.role::text AS member_role, t.environment_name
      FROM api_tokens t JOIN memberships m ON m.id = t.membership_id
     WHERE t.id = ${tokenId} AND m.id = ${context.membership.id}`;
  const row = rows[0];
  if (!row) throw AppError.forbidden();
  if (row.environment_name !== null) {
    throw AppError.forbidden(
      `A kubeconfig works in every environment you belong to, so a token limited to “${row.environment_name}” ` +
        "cannot issue one. Use a token for the whole workspace.",
    );
  }
  if (!roleAtLeast(row.token_role, row.member_role)) {
    throw AppError.forbidden(
      `A kubeconfig carries your whole role (${ROLE_LABELS[row.member_role]}) and this token acts as ` +
        `${ROLE_LABELS[row.token_role]}. Use a token with your role, or download the kubeconfig in the console.`,
    );
  }
}
