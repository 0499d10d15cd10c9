import type { Metadata } from "next";
import { workspacePage, workspacePageEnvironmentNames } from "@/lib/auth/workspace-page";
import { environmentParam, wantsAllEnvironments, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { listRuntimes } from "@/lib/runtimes/list-runtimes";
import { readWorkspaceQuota } from "@/lib/runtimes/workspace-quota";
import { acrossEnvironments } from "@/lib/environments/across-environments";
import { formatCpu, formatMemory } from "@/lib/runtimes/format-quantity";
import { RuntimeList } from "@/components/runtimes/runtime-list";
import { QueryProvider } from "@/components/shell/query-provider";
import { AcrossEnvironmentsTable } from "@/components/environments/across-environments-table";
import { EnvironmentScope } from "@/components/environments/environment-scope";
import { RUNTIME_PHASES } from "@/components/ui/states";

export const metadata: Metadata = { title: "Runtimes" };

export default async function RuntimesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const environment = environmentParam(query);
  const context = await workspacePage(slug, environment);
  const role = context.membership.role;
  if (!can(role, "runtime.read")) {
    return <p className="text-sm text-slate-600">You don&apos;t have access to this workspace&apos;s runtimes.</p>;
  }
  const environments = await workspacePageEnvironmentNames(slug);
  const all = environments.length > 1 && wantsAllEnvironments(query);
  const scope = (
    <EnvironmentScope slug={slug} path="/runtimes" environment={environment} environments={environments} all={all} />
  );
  if (all) {
    // The workspace-wide view: each environment read through the guard in that environment.
    const slices = await acrossEnvironments(context, "runtime.read", listRuntimes);
    return (
      <AcrossEnvironmentsTable
        title="Runtimes in every environment"
        scope={scope}
        noun="runtimes"
        detailLabel="Pods ready · size"
        states={RUNTIME_PHASES}
        slices={slices.map((slice) => ({
          ...slice,
          items: slice.items.map((r) => ({
            name: r.name,
            href: workspaceHref(slug, `/runtimes/${r.name}`, slice.environment),
            state: r.phase,
            detail: `${r.ready}/${r.desired} · ${formatCpu(r.cpuMillis)}, ${formatMemory(r.memoryMiB)}`,
          })),
        }))}
      />
    );
  }
  // The first paint comes from here; the client keeps it live from then on.
  const [runtimes, quota] = await Promise.all([listRuntimes(context), readWorkspaceQuota(context)]);
  return (
    <div className="flex flex-col gap-4">
      {scope}
      <QueryProvider>
        <RuntimeList
          slug={slug}
          canWrite={can(role, "runtime.write")}
          initialRuntimes={runtimes}
          initialQuota={quota}
        />
      </QueryProvider>
    </div>
  );
}
