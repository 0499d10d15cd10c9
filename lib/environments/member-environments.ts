import { effectiveRole, type Role } from "@/lib/authz/permissions";
import { environmentNamespaceName } from "@/lib/environments/environment-name";
import { db } from "@/lib/db/client";

// A workspace's environments with one member's role in each (the workspace role, lowered
// where an environment role says so): the switcher shows them, and the workspace-wide views
// leave out the environments where that role lacks a permission. No cluster reads.

export interface MemberEnvironment {
  environment: string;
  displayName: string;
  namespace: string;
  role: Role;
}

export async function memberEnvironments(
  workspace: { id: string; slug: string },
  membershipId: string,
  workspaceRole: Role,
): Promise<MemberEnvironment[]> {
  // One statement: every workspace page's layout reads this (issue 15, pages).
  const rows = await db().$queryRaw<{ environment: string; display_name: string; role: Role | null }[]>`
    SELECT n.environment, n.display_name, r.role::text AS role
      FROM workspace_namespaces n
      LEFT JOIN environment_roles r ON r.namespace_id = n.id AND r.membership_id = ${membershipId}
     WHERE n.workspace_id = ${workspace.id}
     ORDER BY n.created_at`;
  return rows.map((row) => ({
    environment: row.environment,
    displayName: row.display_name,
    namespace: environmentNamespaceName(workspace.slug, row.environment),
    role: effectiveRole(workspaceRole, row.role ?? undefined),
  }));
}
