import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getRuntimeDetails } from "@/lib/runtimes/runtime-details";
import { QueryProvider } from "@/components/shell/query-provider";
import { RuntimeDetail } from "@/components/runtimes/runtime-detail";
import { EndpointReadinessCard, RuntimeSectionCards, RuntimeUsageCard } from "@/components/runtimes/runtime-cards";
import {
  deleteRuntimeAction,
  restartRuntimeAction,
  scaleRuntimeAction,
  startRuntimeAction,
  stopRuntimeAction,
} from "@/app/(console)/w/[slug]/runtimes/actions";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Runtime ${name}` };
}

export default async function RuntimePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, name } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  const role = context.membership.role;
  if (!can(role, "runtime.read")) {
    return <p className="text-sm text-slate-600">You don&apos;t have access to this workspace&apos;s runtimes.</p>;
  }
  const initial = await getRuntimeDetails(context, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const canWrite = can(role, "runtime.write");
  const actions = canWrite
    ? {
        scale: scaleRuntimeAction.bind(null, { slug, environment }),
        stop: stopRuntimeAction.bind(null, { slug, environment }),
        start: startRuntimeAction.bind(null, { slug, environment }),
        restart: restartRuntimeAction.bind(null, { slug, environment }),
        delete: deleteRuntimeAction.bind(null, { slug, environment }),
      }
    : undefined;
  return (
    <QueryProvider>
      <div className="flex flex-col gap-6">
        <RuntimeDetail slug={slug} name={name} canWrite={canWrite} actions={actions} initial={initial} />
        <RuntimeSectionCards slug={slug} name={name} initial={initial} />
        {initial.runtime.host ? <EndpointReadinessCard slug={slug} name={name} /> : null}
        <RuntimeUsageCard slug={slug} name={name} />
      </div>
    </QueryProvider>
  );
}
