import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage, workspacePageEnvironmentNames } from "@/lib/auth/workspace-page";
import { environmentParam, wantsAllEnvironments, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { listVolumes } from "@/lib/storage/list-volumes";
import { readStorageQuota } from "@/lib/storage/storage-quota";
import { AutoRefresh } from "@/components/storage/auto-refresh";
import { QuotaUsage } from "@/components/storage/quota-usage";
import { VolumeCard } from "@/components/storage/volume-card";
import { acrossEnvironments } from "@/lib/environments/across-environments";
import { formatBytes } from "@/lib/storage/size";
import { AcrossEnvironmentsTable } from "@/components/environments/across-environments-table";
import { EnvironmentScope } from "@/components/environments/environment-scope";
import { VOLUME_STATES } from "@/components/ui/states";
import { deleteVolumeAction, expandVolumeAction } from "./actions";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Volumes" };

export default async function VolumesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const environment = environmentParam(query);
  const created = typeof query.created === "string" ? query.created : undefined;
  const context = await workspacePage(slug, environment);
  const role = context.membership.role;
  if (!can(role, "runtime.read")) {
    return <p className="text-sm text-slate-600">You don&apos;t have access to this workspace&apos;s volumes.</p>;
  }
  const environments = await workspacePageEnvironmentNames(slug);
  const all = environments.length > 1 && wantsAllEnvironments(query);
  const scope = (
    <EnvironmentScope slug={slug} path="/volumes" environment={environment} environments={environments} all={all} />
  );
  if (all) {
    // The workspace-wide view: each environment read through the guard in that environment.
    const slices = await acrossEnvironments(context, "runtime.read", listVolumes);
    return (
      <AcrossEnvironmentsTable
        title="Volumes in every environment"
        scope={scope}
        noun="volumes"
        detailLabel="Size"
        states={VOLUME_STATES}
        slices={slices.map((slice) => ({
          ...slice,
          items: slice.items.map((v) => ({
            name: v.name,
            href: `${workspaceHref(slug, "/volumes", slice.environment)}#volume-${v.name}`,
            state: v.status,
            detail: formatBytes(v.capacityBytes ?? v.requestedBytes),
          })),
        }))}
      />
    );
  }
  const [volumes, quota] = await Promise.all([listVolumes(context), readStorageQuota(context)]);
  const canWrite = can(role, "runtime.write");
  const settling = volumes.some((v) => v.status === "Pending" || v.status === "Terminating" || v.resizing);
  const deleteAction = deleteVolumeAction.bind(null, { slug, environment });
  const expandAction = expandVolumeAction.bind(null, { slug, environment });
  const now = new Date();

  return (
    <div className="flex flex-col gap-6">
      <AutoRefresh active={settling} />
      {scope}
      <section aria-labelledby="volumes-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="volumes-heading" className="text-lg font-semibold">
              Volumes
            </h2>
            <p className="mt-1 max-w-2xl text-sm text-slate-600">
              Block storage that keeps its data when runtimes restart. Mount a volume into a runtime at a path from the
              runtime&apos;s settings.
            </p>
          </div>
          {canWrite && volumes.length > 0 ? (
            <Link href={workspaceHref(slug, `/volumes/new`, environment)} className={buttonClass()}>
              New volume
            </Link>
          ) : null}
        </div>
        <Card>
          <QuotaUsage quota={quota} />
        </Card>
        {/* Only while the volume is there: after deleting it, the page no longer says it was created. */}
        {created && volumes.some((v) => v.name === created) ? (
          <p role="status" className="border-brand-100 bg-brand-50 text-brand-800 rounded-md border px-3 py-2 text-sm">
            Volume “{created}” created.
          </p>
        ) : null}
      </section>

      {volumes.length === 0 ? (
        <EmptyState
          title="No volumes yet"
          action={
            canWrite ? (
              <Link href={workspaceHref(slug, `/volumes/new`, environment)} className={buttonClass()}>
                Create a volume
              </Link>
            ) : null
          }
        >
          {canWrite
            ? "Create a volume to give a runtime storage that outlives its pods, such as a database's data directory."
            : "Developers, admins and owners of this workspace can create volumes."}
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Volumes">
          {volumes.map((volume) => (
            <li key={volume.name}>
              <VolumeCard
                slug={slug}
                environment={environment}
                volume={volume}
                canWrite={canWrite}
                now={now}
                deleteAction={deleteAction}
                expandAction={expandAction}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
