"use client";

import Link from "next/link";
import type { RuntimeSummary } from "@/lib/runtimes/list-runtimes";
import { formatCpu, formatMemory } from "@/lib/runtimes/format-quantity";
import type { WorkspaceQuota } from "@/lib/runtimes/workspace-quota";
import { LiveIndicator } from "@/components/runtimes/live-indicator";
import { QuotaBars } from "@/components/runtimes/quota-bars";
import { useQuota, useRuntimeStream, useRuntimes } from "@/components/runtimes/runtime-queries";
import { buttonClass } from "@/components/ui/button-class";
import { cardClass } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StateBadge } from "@/components/ui/badge";
import { RUNTIME_PHASES } from "@/components/ui/states";
import { Alert } from "@/components/ui/alert";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

function RuntimeCard({ slug, runtime }: { slug: string; runtime: RuntimeSummary }) {
  const { page } = useWorkspaceLinks(slug);
  const headingId = `runtime-${runtime.name}`;
  return (
    <article
      aria-labelledby={headingId}
      className={cardClass({ padding: "sm", className: "flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4" })}
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="font-mono text-base font-semibold break-all">
            <Link href={page(`/runtimes/${runtime.name}`)} className="text-brand-700 hover:underline">
              {runtime.name}
            </Link>
          </h3>
          <StateBadge state={runtime.phase} states={RUNTIME_PHASES} />
        </div>
        <p className="truncate font-mono text-xs text-slate-600" title={runtime.image}>
          {runtime.image}
        </p>
        <p className="text-xs text-slate-500">
          {formatCpu(runtime.cpuMillis)} · {formatMemory(runtime.memoryMiB)} per replica · {runtime.runtimeClass}
        </p>
        {runtime.host ? (
          <a
            href={`https://${runtime.host}`}
            target="_blank"
            rel="noreferrer"
            className="text-brand-700 truncate text-sm hover:underline"
          >
            https://{runtime.host}
          </a>
        ) : null}
      </div>
      <dl className="flex gap-6 text-sm sm:text-right">
        <div>
          <dt className="text-xs text-slate-500">Pods ready</dt>
          <dd className="font-medium text-slate-900 tabular-nums">
            {runtime.ready}/{runtime.desired}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Restarts</dt>
          <dd className={`tabular-nums ${runtime.restarts > 0 ? "font-medium text-amber-700" : "text-slate-900"}`}>
            {runtime.restarts}
          </dd>
        </div>
      </dl>
    </article>
  );
}

export function RuntimeList({
  slug,
  canWrite,
  initialRuntimes,
  initialQuota,
}: {
  slug: string;
  canWrite: boolean;
  initialRuntimes: RuntimeSummary[];
  initialQuota: WorkspaceQuota;
}) {
  const stream = useRuntimeStream(slug);
  const runtimes = useRuntimes(slug, initialRuntimes);
  const quota = useQuota(slug, initialQuota);
  const { page } = useWorkspaceLinks(slug);
  const list = runtimes.data;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="runtimes-heading" className="text-lg font-semibold">
              Runtimes
            </h2>
            <LiveIndicator state={stream} />
          </div>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Containers that run your image in this workspace, each with its own resources, replicas and optional public
            HTTPS address.
          </p>
        </div>
        {canWrite && list.length > 0 ? (
          <Link href={page(`/runtimes/new`)} className={buttonClass({ className: "whitespace-nowrap" })}>
            Create runtime
          </Link>
        ) : null}
      </div>

      <section aria-label="Quota" className={cardClass({ padding: "sm" })}>
        <QuotaBars quota={quota.data} />
      </section>

      {runtimes.isError ? (
        <Alert tone="warning" role="alert">
          {runtimes.error.message} Showing the last known status.
        </Alert>
      ) : null}

      {list.length === 0 ? (
        <EmptyState
          title="No runtimes yet"
          action={
            canWrite ? (
              <Link href={page(`/runtimes/new`)} className={buttonClass({ className: "whitespace-nowrap" })}>
                Create runtime
              </Link>
            ) : null
          }
        >
          {canWrite
            ? "Run a container image here: choose its resources and replicas, and Canopy shows what it will cost before it starts."
            : "Developers, admins and owners of this workspace can create runtimes."}
        </EmptyState>
      ) : (
        <ul aria-labelledby="runtimes-heading" className="flex flex-col gap-3">
          {list.map((runtime) => (
            <li key={runtime.name}>
              <RuntimeCard slug={slug} runtime={runtime} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
