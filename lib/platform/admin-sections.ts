import { canPlatform, type PlatformRole } from "@/lib/authz/platform-permissions";

// The operator console's sections, in the order it shows them (the sidebar on wide screens,
// the tab strip on phones). Asks the one platform table; every administrator may read all.

export interface AdminSection {
  href: string;
  label: string;
}

export function adminSections(role: PlatformRole = "ADMIN"): AdminSection[] {
  return [
    { href: "/admin", label: "Overview", show: canPlatform(role, "platform.read") },
    { href: "/admin/workspaces", label: "Workspaces", show: canPlatform(role, "platform.read") },
    { href: "/admin/users", label: "Users", show: canPlatform(role, "platform.read") },
    { href: "/admin/plans", label: "Plans", show: canPlatform(role, "platform.read") },
    { href: "/admin/quota-requests", label: "Quota requests", show: canPlatform(role, "platform.read") },
    { href: "/admin/audit", label: "Audit log", show: canPlatform(role, "platform.read") },
    { href: "/admin/admins", label: "Administrators", show: canPlatform(role, "platform.read") },
  ]
    .filter((section) => section.show)
    .map(({ href, label }) => ({ href, label }));
}
