import { requireSession } from "@/lib/auth/session";
import { workspacePage, workspacePageEnvironments } from "@/lib/auth/workspace-page";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { rememberWorkspace } from "@/lib/workspaces/landing";
import { workspaceSections } from "@/lib/workspaces/workspace-sections";
import { WorkspaceSidebar } from "@/components/workspace/workspace-sidebar";
import { WorkspaceTabs } from "@/components/workspace/workspace-tabs";
import { EnvironmentSwitcher } from "@/components/workspace/environment-switcher";
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
  const { actor, workspace, membership } = await workspacePage(slug);
  const role = membership.role;
  // A layout is not given the URL's query, so the switcher (a client component) reads the
  // current environment itself; every environment is listed with the member's role there.
  const environments = (await workspacePageEnvironments(slug)).map((e) => ({
    ...e,
    role: ROLE_LABELS[e.role],
  }));
  const tabs = workspaceSections(slug, role);
  // Remembered for the next sign-in (lib/workspaces/landing.ts); the session already says
  // which workspace was last, so moving between one workspace's pages writes nothing.
  const session = await requireSession();
  if (session.user.lastWorkspaceId !== workspace.id) await rememberWorkspace(actor.userId, workspace.id);

  return (
    <div className="flex gap-8">
      <WorkspaceSidebar name={workspace.displayName} sections={tabs} />
      <div className="flex min-w-0 flex-1 flex-col gap-6">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold">{workspace.displayName}</h1>
          <StateBadge state={workspace.status} states={WORKSPACE_STATES} />
          <span className="text-sm text-slate-500">
            {workspace.kind === "PERSONAL" ? "Personal" : "Team"} · you are {ROLE_LABELS[role].toLowerCase()} ·
          </span>
          <EnvironmentSwitcher environments={environments} />
        </div>
        {/* On wide screens the sidebar lists the sections. */}
        <div className="md:hidden">
          <WorkspaceTabs tabs={tabs} />
        </div>
        {/* The live pages (runtimes, billing) bring their own QueryProvider. */}
        <div>{children}</div>
      </div>
    </div>
  );
}
