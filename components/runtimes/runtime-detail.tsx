"use client";

import Link from "next/link";
import type { RuntimeDetails } from "@/lib/runtimes/runtime-details";
import { LiveIndicator } from "@/components/runtimes/live-indicator";
import { RuntimeActions, type RuntimeActionSet } from "@/components/runtimes/runtime-actions";
import { FetchError, useRuntime, useRuntimeStream } from "@/components/runtimes/runtime-queries";
import { RuntimeProblems } from "@/components/runtimes/runtime-problems";
import { StateBadge } from "@/components/ui/badge";
import { RUNTIME_PHASES } from "@/components/ui/states";
import { Alert } from "@/components/ui/alert";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

// The top of a runtime's page, kept live: its name and state, what is wrong with it, and
// what the member may do to it. Its pods, configuration and events are runtime-sections.tsx.

export function RuntimeDetail({
  slug,
  name,
  canWrite,
  actions,
  initial,
}: {
  slug: string;
  name: string;
  canWrite: boolean;
  /** What the member may do to the runtime; absent without runtime.write. */
  actions?: RuntimeActionSet;
  initial: RuntimeDetails;
}) {
  const stream = useRuntimeStream(slug);
  const query = useRuntime(slug, name, initial);
  const { page } = useWorkspaceLinks(slug);
  const gone = query.error instanceof FetchError && query.error.status === 404;
  const { runtime, problems } = query.data;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href={page(`/runtimes`)} className="text-brand-700 text-sm hover:underline">
          ← Runtimes
        </Link>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 className="font-mono text-xl font-semibold break-all">{runtime.name}</h2>
          {gone ? null : <StateBadge state={runtime.phase} states={RUNTIME_PHASES} />}
          <LiveIndicator state={stream} />
        </div>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div className="flex gap-1">
            <dt className="text-slate-500">Pods ready</dt>
            <dd className="font-medium tabular-nums" data-testid="runtime-ready">
              {runtime.ready}/{runtime.desired}
            </dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-500">Restarts</dt>
            <dd className="tabular-nums">{runtime.restarts}</dd>
          </div>
          {runtime.host ? (
            <div className="flex min-w-0 gap-1">
              <dt className="text-slate-500">URL</dt>
              <dd className="min-w-0 break-all">
                <a
                  href={`https://${runtime.host}`}
                  target="_blank"
                  rel="noreferrer"
                  className="text-brand-700 hover:underline"
                >
                  https://{runtime.host}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </div>

      {gone ? (
        <Alert tone="warning" role="alert">
          This runtime no longer exists.{" "}
          <Link href={page(`/runtimes`)} className="font-medium underline">
            Back to the runtimes
          </Link>
        </Alert>
      ) : query.isError ? (
        <Alert tone="warning" role="alert">
          {query.error.message} Showing the last known status.
        </Alert>
      ) : null}

      {gone || runtime.phase === "Running" || runtime.phase === "Stopped" ? null : (
        <RuntimeProblems problems={problems} />
      )}

      {canWrite && actions && !gone ? <RuntimeActions slug={slug} runtime={runtime} actions={actions} /> : null}
    </div>
  );
}
