import { workspacePage } from "@/lib/auth/workspace-page";
import { can } from "@/lib/authz/permissions";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { QueryProvider } from "@/components/shell/query-provider";
import { WorkspaceTabs } from "@/components/workspace/workspace-tabs";
import { StateBadge } from "@/components/ui/badge";
import { WORKSPACE_STATES } from "@/components/ui/states";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { workspace, membership, namespace } = await workspacePage(slug);
  const role = membership.role;
  const tabs = [
    { href: `/w/${slug}`, label: "Overview", show: true },
    { href: `/w/${slug}/runtimes`, label: "Runtimes", show: can(role, "runtime.read") },
    { href: `/w/${slug}/volumes`, label: "Volumes", show: can(role, "runtime.read") },
    { href: `/w/${slug}/billing`, label: "Billing", show: can(role, "billing.read") },
    { href: `/w/${slug}/kubeconfig`, label: "Kubeconfig", show: can(role, "kubeconfig.issue") },
    { href: `/w/${slug}/members`, label: "Members", show: can(role, "member.list") },
    { href: `/w/${slug}/invitations`, label: "Invitations", show: can(role, "invitation.manage") },
    { href: `/w/${slug}/audit`, label: "Audit log", show: can(role, "audit.read") },
    { href: `/w/${slug}/settings`, label: "Settings", show: true },
  ].filter((tab) => tab.show);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold">{workspace.displayName}</h1>
        <StateBadge state={workspace.status} states={WORKSPACE_STATES} />
        <span className="text-sm text-slate-500">
          {workspace.kind === "PERSONAL" ? "Personal" : "Team"} · you are {ROLE_LABELS[role].toLowerCase()} · namespace{" "}
          <code className="rounded bg-slate-100 px-1">{namespace}</code>
        </span>
      </div>
      <WorkspaceTabs tabs={tabs.map(({ href, label }) => ({ href, label }))} />
      {/* The live pages (runtimes, billing) are all workspace pages; the query cache's code
          stays off the dashboard and the other console pages. */}
      <div>
        <QueryProvider>{children}</QueryProvider>
      </div>
    </div>
  );
}
