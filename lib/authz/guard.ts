import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { can, effectiveRole, lowerRole, type Permission, type Role } from "@/lib/authz/permissions";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-name";
import { recordAudit } from "@/lib/audit/record";
import type { Actor, WorkspaceContext } from "@/lib/authz/context";

// The one authorization guard: session (the caller passes the signed-in user), then
// membership, then role, then permission. It is the only way a handler reaches a
// workspace. The workspace is looked up by slug *together with* the user's membership,
// so a workspace the user does not belong to is simply "not found"; so is every workspace to
// a user a platform administrator disabled (whatever credential they come with: a session
// or an API token).
//
// A request made with an API token (the REST API) comes through here too: the same query
// then also joins the token, which must belong to this very membership (so to this
// workspace and this user), be unrevoked and unexpired; the request acts with the lower of
// the token's role and the membership's current one. Removing the member deletes their
// tokens (foreign key), lowering their role lowers what their tokens may do, on the next
// request. A token scoped to one environment passes only where the caller says the request
// acts inside that one environment (`withinEnvironment`, the REST API's per-environment
// operations) and the environment is the token's: never on workspace-wide operations, never
// once its environment is deleted (the row's id is gone, its name stays).

interface GuardRow {
  membership_id: string;
  role: Role;
  id: string;
  slug: string;
  display_name: string;
  kind: "PERSONAL" | "TEAM";
  status: string;
  plan_id: string;
  namespace: string | null;
  environment_role: Role | null;
  token_role: Role | null;
  namespace_id: string | null;
  token_environment_id: string | null;
  token_environment: string | null;
}

export interface GuardOptions {
  /**
   * The request acts only inside the named environment (runtimes, volumes, usage there), so a
   * token scoped to that environment may make it. Without it, the request is workspace-wide.
   */
  withinEnvironment?: boolean;
}

export async function authorizeWorkspace(
  actor: Actor,
  workspaceSlug: string,
  permission: Permission,
  environment: string = DEFAULT_ENVIRONMENT,
  options: GuardOptions = {},
): Promise<WorkspaceContext> {
  // One query (membership, workspace, the environment's namespace and the member's role
  // there joined), not one per level
  // as a nested Prisma select would make: it runs on every page and action.
  const tokenId = actor.apiToken?.id ?? null;
  const tokenJoin = tokenId
    ? Prisma.sql`JOIN api_tokens t ON t.membership_id = m.id AND t.id = ${tokenId}
                   AND t.revoked_at IS NULL AND t.expires_at > statement_timestamp()`
    : Prisma.empty;
  const rows = await db().$queryRaw<GuardRow[]>`
    SELECT m.id AS membership_id, m.role::text AS role,
           w.id, w.slug, w.display_name, w.kind::text AS kind, w.status::text AS status, w.plan_id,
           n.name AS namespace, er.role::text AS environment_role, ${tokenId ? Prisma.sql`t.role::text` : Prisma.sql`NULL`} AS token_role,
           n.id AS namespace_id,
           ${tokenId ? Prisma.sql`t.environment_id` : Prisma.sql`NULL`} AS token_environment_id,
           ${tokenId ? Prisma.sql`t.environment_name` : Prisma.sql`NULL`} AS token_environment
      FROM memberships m
      JOIN workspaces w ON w.id = m.workspace_id
      JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
      ${tokenJoin}
      LEFT JOIN workspace_namespaces n ON n.workspace_id = w.id AND n.environment = ${environment}
      LEFT JOIN environment_roles er ON er.membership_id = m.id AND er.namespace_id = n.id
     WHERE m.user_id = ${actor.userId} AND w.slug = ${workspaceSlug} AND w.deleted_at IS NULL
     LIMIT 1`;
  const row = rows[0];
  if (!row) throw AppError.notFound("Workspace");
  const workspace: WorkspaceContext["workspace"] = {
    id: row.id,
    slug: row.slug,
    displayName: row.display_name,
    kind: row.kind,
    status: row.status,
    planId: row.plan_id,
  };
  const namespace = row.namespace;
  if (!namespace && environment !== DEFAULT_ENVIRONMENT) throw AppError.notFound("Environment");
  if (!namespace) throw new AppError("INTERNAL", "This workspace has no namespace yet. Please try again shortly.");
  // The member's role in this environment (never above their workspace role), then capped by the token's.
  const role = effectiveRole(row.role, row.environment_role);
  const membership = { id: row.membership_id, role: row.token_role ? lowerRole(row.token_role, role) : role };

  const outOfScope =
    row.token_environment !== null &&
    (!options.withinEnvironment || row.token_environment_id === null || row.token_environment_id !== row.namespace_id);
  if (outOfScope || !can(membership.role, permission)) {
    await recordAudit({
      workspaceId: workspace.id,
      actor,
      action: permission,
      outcome: "DENIED",
      environment,
      details: {
        role: membership.role,
        ...(tokenId ? { apiTokenId: tokenId } : {}),
        ...(environment !== DEFAULT_ENVIRONMENT ? { environment } : {}),
        ...(outOfScope ? { tokenEnvironment: row.token_environment } : {}),
      },
    });
    if (outOfScope) throw AppError.forbidden(outOfScopeMessage(row.token_environment!, options));
    throw AppError.forbidden();
  }
  return { actor, workspace, namespace, environment, membership: { id: membership.id, role: membership.role } };
}

function outOfScopeMessage(tokenEnvironment: string, options: GuardOptions): string {
  const scope = `This token works only in the environment “${tokenEnvironment}”`;
  return options.withinEnvironment
    ? `${scope}: name it with ?environment=${tokenEnvironment}.`
    : `${scope}, not on the whole workspace.`;
}
