import type { Metadata } from "next";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { listRuntimes } from "@/lib/runtimes/list-runtimes";
import { readWorkspaceQuota } from "@/lib/runtimes/workspace-quota";
import { RuntimeList } from "@/components/runtimes/runtime-list";

export const metadata: Metadata = { title: "Runtimes" };

export default async function RuntimesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  const role = context.membership.role;
  if (!can(role, "runtime.read")) {
    return <p className="text-sm text-slate-600">You don&apos;t have access to this workspace&apos;s runtimes.</p>;
  }
  // The first paint comes from here; the client keeps it live from then on.
  const [runtimes, quota] = await Promise.all([listRuntimes(context), readWorkspaceQuota(context)]);
  return (
    <div className="flex flex-col gap-4">
      <RuntimeList slug={slug} canWrite={can(role, "runtime.write")} initialRuntimes={runtimes} initialQuota={quota} />
    </div>
  );
}
