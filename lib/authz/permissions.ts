// The one table of role against action. Server actions and route handlers check it
// through the guard (lib/authz/guard.ts); the UI asks the same table what to show.

export const ROLES = ["VIEWER", "DEVELOPER", "ADMIN", "OWNER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  DEVELOPER: "Developer",
  VIEWER: "Viewer",
};

const rank: Record<Role, number> = { VIEWER: 1, DEVELOPER: 2, ADMIN: 3, OWNER: 4 };

/** True when `role` carries at least the powers of `other`. */
export function roleAtLeast(role: Role, other: Role): boolean {
  return rank[role] >= rank[other];
}

const everyone: readonly Role[] = ROLES;
const builders: readonly Role[] = ["DEVELOPER", "ADMIN", "OWNER"];
const managers: readonly Role[] = ["ADMIN", "OWNER"];
const owners: readonly Role[] = ["OWNER"];

export const PERMISSIONS = {
  "workspace.read": everyone,
  "workspace.update": managers,
  "workspace.delete": owners,
  "workspace.transfer": owners,
  "workspace.reconcile": managers,
  "member.list": everyone,
  "member.invite": managers,
  "member.changeRole": managers,
  "member.remove": managers,
  "member.leave": everyone,
  "invitation.manage": managers,
  "audit.read": managers,
  "quota.read": everyone,
  // Asking the platform for higher limits (lib/quotas/); everyone may read the requests.
  "quota.request": managers,
  "kubeconfig.issue": everyone,
  "kubeconfig.revokeAny": managers,
  "runtime.read": everyone,
  "runtime.write": builders,
  // A shell in a running container. Matches pods/exec in lib/tenancy/kube-roles.ts, the
  // cluster's own wall (tests/unit/exec-permission.test.ts keeps the two in step).
  "runtime.exec": builders,
  // Logs can carry what a viewer may not see (tokens, customer data): like Secrets, they
  // are for the people who build. Matches pods/log in lib/tenancy/kube-roles.ts.
  "runtime.logs": builders,
  "billing.read": everyone,
  "billing.manage": owners,
  // Personal access tokens for the REST API: each member manages their own, with a role no
  // higher than theirs (lib/api-tokens/).
  "apiToken.manage": everyone,
  // Environments of a workspace (lib/environments/): create, rename, delete, move quota.
  "environment.manage": managers,
  // Lowering a member's role in one environment.
  "environment.roles": managers,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The lower of two roles: what a token acts with (its own role, capped by the member's). */
export function lowerRole(a: Role, b: Role): Role {
  return rank[a] <= rank[b] ? a : b;
}

/**
 * A member's role in one environment: an environment role may only lower the workspace
 * role (lib/environments/environment-roles.ts), never raise it.
 */
export function effectiveRole(workspaceRole: Role, environmentRole?: Role | null): Role {
  return environmentRole ? lowerRole(environmentRole, workspaceRole) : workspaceRole;
}

/** The roles a member with `role` may hand out: never above their own. */
export function assignableRoles(role: Role): Role[] {
  return ROLES.filter((r) => roleAtLeast(role, r));
}
