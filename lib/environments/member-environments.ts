import { effectiveRole, type Role } from "@/lib/authz/permissions";
import { environmentNamespaceName } from "@/lib/environments/environment-name";
import { listEnvironmentRoles } from "@/lib/environments/environment-roles";
import { listEnvironmentNames } from "@/lib/environments/list-environments";

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
  const [names, lowered] = await Promise.all([listEnvironmentNames(workspace.id), listEnvironmentRoles(workspace.id)]);
  return names.map((e) => ({
    ...e,
    namespace: environmentNamespaceName(workspace.slug, e.environment),
    role: effectiveRole(
      workspaceRole,
      lowered.find((r) => r.membershipId === membershipId && r.environment === e.environment)?.role,
    ),
  }));
}
