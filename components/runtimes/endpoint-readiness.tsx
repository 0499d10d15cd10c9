"use client";

import { useQuery } from "@tanstack/react-query";
import type { EndpointReadiness } from "@/lib/runtimes/endpoint-readiness";
import { EndpointCheckList } from "@/components/runtimes/endpoint-check-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { useEnvironment } from "@/components/workspace/use-environment";
import { workspaceApiHref } from "@/lib/environments/environment-param";

// The live readiness of a runtime's public endpoint, asked for after the page renders (the
// probe goes through the ingress and may take seconds): every 5 seconds while something is
// not ready (a runtime starting, scaled up from zero), every 30 once all is.

const WAITING_MS = 5_000;
const READY_MS = 30_000;

async function fetchReadiness(slug: string, environment: string, name: string): Promise<EndpointReadiness> {
  const response = await fetch(
    workspaceApiHref(slug, `/runtimes/endpoint?name=${encodeURIComponent(name)}`, environment),
    { headers: { Accept: "application/json" }, cache: "no-store" },
  );
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? "Could not check the public endpoint.");
  }
  return (await response.json()) as EndpointReadiness;
}

export function EndpointReadinessCard({ slug, name }: { slug: string; name: string }) {
  const environment = useEnvironment();
  const query = useQuery({
    queryKey: ["endpoint", slug, environment, name],
    queryFn: () => fetchReadiness(slug, environment, name),
    refetchInterval: (q) => (q.state.data?.ready ? READY_MS : WAITING_MS),
    retry: 1,
  });
  return (
    <SectionCard level={3} id="endpoint-heading" title="Public endpoint">
      <div className="flex flex-col gap-3" aria-busy={query.isFetching || undefined}>
        {query.data ? (
          <>
            <p className="text-sm text-slate-700">
              <span className="font-mono break-all">{query.data.url}</span>{" "}
              {query.data.ready ? (
                <span className="text-brand-700 font-medium">is ready.</span>
              ) : query.data.checks.some((c) => c.state === "failed") ? (
                <span className="font-medium text-red-700">needs attention: see below.</span>
              ) : (
                <span className="font-medium text-amber-700">is not ready yet.</span>
              )}
            </p>
            <EndpointCheckList checks={query.data.checks} label="Endpoint checks" />
          </>
        ) : query.isPending ? (
          <p className="text-sm text-slate-600" role="status">
            Checking the public endpoint…
          </p>
        ) : null}
        {query.isError ? (
          <Alert tone="warning" role="alert">
            {query.error.message}
            {query.data ? " Showing the last check." : null}
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
          {query.data ? (
            <span>
              Checked <DateTime at={query.data.checkedAt} />
            </span>
          ) : null}
          <Button variant="secondary" size="sm" onClick={() => void query.refetch()} disabled={query.isFetching}>
            {query.isFetching ? "Checking…" : "Check now"}
          </Button>
        </div>
      </div>
    </SectionCard>
  );
}
