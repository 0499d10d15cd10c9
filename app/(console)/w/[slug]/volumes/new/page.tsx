import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { HOURS_PER_MONTH, pricesAt } from "@/lib/billing/prices";
import { offeredStorageClasses } from "@/lib/storage/storage-classes";
import { readStorageQuota } from "@/lib/storage/storage-quota";
import { CreateVolumeForm } from "@/components/storage/create-volume-form";
import { QuotaUsage } from "@/components/storage/quota-usage";
import { createVolumeAction } from "../actions";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "New volume" };

export default async function NewVolumePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  if (!can(context.membership.role, "runtime.write")) {
    return (
      <p className="text-sm text-slate-600">
        You don&apos;t have access to create volumes. Developers, admins and owners of this workspace can.
      </p>
    );
  }
  const [storageClasses, quota, prices] = await Promise.all([
    offeredStorageClasses(context),
    readStorageQuota(context),
    pricesAt(context.workspace.planId),
  ]);
  const price = { gibMonthMicros: prices.storageGibMonth.toString(), hoursPerMonth: Number(HOURS_PER_MONTH) };
  const left = quota
    ? {
        bytes: Math.max(0, quota.storage.hard - quota.storage.used),
        volumes: Math.max(0, quota.volumes.hard - quota.volumes.used),
      }
    : null;

  return (
    <div className="mx-auto flex max-w-lg flex-col gap-6">
      <div>
        <Link href={workspaceHref(slug, `/volumes`, environment)} className="text-brand-700 text-sm hover:underline">
          ← Volumes
        </Link>
        <h2 className="mt-2 text-lg font-semibold">New volume</h2>
        <p className="mt-1 text-sm text-slate-600">
          A volume is storage of a fixed size that a runtime mounts at a path. It counts against this workspace&apos;s
          quota:
        </p>
      </div>
      <section aria-label="Quota" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <QuotaUsage quota={quota} stacked />
        {left && left.volumes === 0 ? (
          <p className="mt-3 text-sm text-red-700">
            The volume quota is used up: delete a volume before creating another one.
          </p>
        ) : null}
      </section>
      {storageClasses.length === 0 ? (
        <Alert tone="warning">
          This workspace&apos;s plan offers no storage class on this cluster, so volumes cannot be created here.
        </Alert>
      ) : (
        <CreateVolumeForm
          action={createVolumeAction.bind(null, { slug, environment })}
          storageClasses={storageClasses}
          left={left}
          price={price}
        />
      )}
    </div>
  );
}
