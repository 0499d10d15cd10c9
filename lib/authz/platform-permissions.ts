// The one table of platform role against platform action: what operators may do across
// every workspace. Separate from workspace roles (lib/authz/permissions.ts); the platform
// guard (lib/authz/platform-guard.ts) checks it, and the console asks it what to show.

export const PLATFORM_ROLES = ["ADMIN"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = { ADMIN: "Platform administrator" };

const admins: readonly PlatformRole[] = ["ADMIN"];

export const PLATFORM_PERMISSIONS = {
  "platform.read": admins,
  "platform.users.write": admins,
  "platform.workspaces.write": admins,
  "platform.plans.write": admins,
  "platform.quotaRequests.decide": admins,
  "platform.admins.write": admins,
} as const satisfies Record<string, readonly PlatformRole[]>;

export type PlatformPermission = keyof typeof PLATFORM_PERMISSIONS;

export function canPlatform(role: PlatformRole, permission: PlatformPermission): boolean {
  return (PLATFORM_PERMISSIONS[permission] as readonly PlatformRole[]).includes(role);
}
