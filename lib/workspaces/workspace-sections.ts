import { can, type Role } from "@/lib/authz/permissions";

// The sections of a workspace a member's role may open, in the order the console shows
// them (the sidebar on wide screens, the tab strip on phones). Asks the one role table.

export interface WorkspaceSection {
  href: string;
  label: string;
}

export function workspaceSections(slug: string, role: Role): WorkspaceSection[] {
  const base = `/w/${slug}`;
  return [
    { href: base, label: "Overview", show: true },
    { href: `${base}/runtimes`, label: "Runtimes", show: can(role, "runtime.read") },
    { href: `${base}/volumes`, label: "Volumes", show: can(role, "runtime.read") },
    { href: `${base}/environments`, label: "Environments", show: true },
    { href: `${base}/billing`, label: "Billing", show: can(role, "billing.read") },
    { href: `${base}/kubeconfig`, label: "Kubeconfig", show: can(role, "kubeconfig.issue") },
    { href: `${base}/members`, label: "Members", show: can(role, "member.list") },
    { href: `${base}/invitations`, label: "Invitations", show: can(role, "invitation.manage") },
    { href: `${base}/audit`, label: "Audit log", show: can(role, "audit.read") },
    { href: `${base}/settings`, label: "Settings", show: true },
  ]
    .filter((section) => section.show)
    .map(({ href, label }) => ({ href, label }));
}
