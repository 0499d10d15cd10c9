import Link from "next/link";
import { workspaceHref } from "@/lib/environments/environment-param";
import type { Mount } from "@/lib/storage/mounts";
import type { VolumeSummary } from "@/lib/storage/list-volumes";
import { GiB, formatBytes, toQuantity } from "@/lib/storage/size";
import { DeleteVolumeDialog } from "@/components/storage/delete-volume-dialog";
import { ExpandVolumeForm } from "@/components/storage/expand-volume-form";
import { StateBadge } from "@/components/ui/badge";
import { VOLUME_STATES } from "@/components/ui/states";
import type { FormAction } from "@/components/forms/use-form-action";
import { cardClass } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";

function age(since: Date | null, now: Date): string {
  if (!since) return "unknown";
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} days`;
}

function MountLink({ slug, environment, mount }: { slug: string; environment: string; mount: Mount }) {
  if (mount.kind === "runtime") {
    return (
      <Link
        href={workspaceHref(slug, `/runtimes/${mount.name}`, environment)}
        className="text-brand-700 hover:underline"
      >
        runtime {mount.name}
      </Link>
    );
  }
  return (
    <span>
      {mount.kind} <code className="rounded bg-slate-100 px-1">{mount.name}</code>
    </span>
  );
}

function MountList({ slug, environment, mounts }: { slug: string; environment: string; mounts: Mount[] }) {
  return (
    <>
      {mounts.map((mount, index) => (
        <span key={`${mount.kind}/${mount.name}`}>
          {index > 0 ? ", " : null}
          <MountLink slug={slug} environment={environment} mount={mount} />
        </span>
      ))}
    </>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="text-slate-800">{children}</dd>
    </div>
  );
}

export function VolumeCard({
  slug,
  environment,
  volume,
  canWrite,
  now,
  deleteAction,
  expandAction,
}: {
  slug: string;
  /** The volume's environment: its links stay there. */
  environment: string;
  volume: VolumeSummary;
  canWrite: boolean;
  now: Date;
  deleteAction: FormAction<{ message: string }>;
  expandAction: FormAction<{ message: string }>;
}) {
  const headingId = `volume-${volume.name}`;
  const mounted = volume.mountedBy.length > 0;
  const live = volume.status !== "Terminating";
  return (
    <article aria-labelledby={headingId} className={cardClass({ className: "flex flex-col gap-4" })}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-mono text-base font-semibold break-all">
          {volume.name}
        </h3>
        <StateBadge state={volume.status} states={VOLUME_STATES} />
        {!volume.managed ? <span className="text-xs text-slate-500">made outside Canopy</span> : null}
      </div>
      {volume.pendingReason ? <Alert tone="warning">Not provisioned yet: {volume.pendingReason}</Alert> : null}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Detail term="Capacity">
          {volume.capacityBytes !== null ? formatBytes(volume.capacityBytes) : "—"}
          {volume.resizing ? (
            <span className="block text-xs text-amber-700">growing to {formatBytes(volume.requestedBytes)}</span>
          ) : null}
        </Detail>
        <Detail term="Requested">{formatBytes(volume.requestedBytes)}</Detail>
        <Detail term="Storage class">{volume.storageClass ?? "none"}</Detail>
        <Detail term="Access mode">{volume.accessModes.join(", ") || "—"}</Detail>
        <Detail term="Volume mode">{volume.volumeMode}</Detail>
        <Detail term="Age">{age(volume.createdAt, now)}</Detail>
      </dl>
      <p className="text-sm text-slate-700">
        <span className="text-slate-500">Mounted by: </span>
        {mounted ? <MountList slug={slug} environment={environment} mounts={volume.mountedBy} /> : "nothing"}
      </p>
      {canWrite && live ? (
        <div className="flex flex-col gap-4 border-t border-slate-100 pt-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex-1 sm:max-w-md">
            {!volume.expandable ? (
              <p className="text-sm text-slate-600">
                {volume.storageClass
                  ? `The storage class “${volume.storageClass}” does not allow expanding volumes.`
                  : "This volume has no storage class, so it cannot be expanded."}
              </p>
            ) : volume.status !== "Bound" ? (
              <p className="text-sm text-slate-600">It can be expanded once it is Bound.</p>
            ) : (
              <ExpandVolumeForm
                action={expandAction}
                name={volume.name}
                suggestedSize={toQuantity(Math.ceil((volume.requestedBytes + 1) / GiB) * GiB)}
              />
            )}
          </div>
          <div className="flex flex-col items-start gap-1 sm:items-end">
            <DeleteVolumeDialog
              action={deleteAction}
              name={volume.name}
              size={formatBytes(volume.requestedBytes)}
              disabled={mounted}
            />
            {mounted ? (
              <p className="max-w-xs text-xs text-slate-500 sm:text-right">
                Can&apos;t be deleted while mounted by{" "}
                <MountList slug={slug} environment={environment} mounts={volume.mountedBy} />. Remove it there first.
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </article>
  );
}
