"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { RuntimeSummary } from "@/lib/runtimes/list-runtimes";
import type { RuntimeDetails } from "@/lib/runtimes/runtime-details";
import type { WorkspaceQuota } from "@/lib/runtimes/workspace-quota";
import { workspaceApiHref } from "@/lib/environments/environment-param";
import { useEnvironment } from "@/components/workspace/use-environment";

// The runtimes pages' live data: React Query caches fed first by the server-rendered page,
// then refetched whenever the server's event stream says something changed. Everything is
// in the page's environment (its `?env=`): the keys end with it, the URLs carry it; a key
// without the environment (what the actions invalidate) covers every environment.

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new FetchError(body?.error ?? "Could not load the latest status.", response.status);
  }
  return (await response.json()) as T;
}

export const runtimeKeys = {
  list: (slug: string, environment?: string) => ["runtimes", slug, ...(environment ? [environment] : [])] as const,
  one: (slug: string, name: string, environment?: string) =>
    ["runtime", slug, name, ...(environment ? [environment] : [])] as const,
  quota: (slug: string, environment?: string) => ["quota", slug, ...(environment ? [environment] : [])] as const,
};

// The event stream drives updates; a slow poll is the safety net for a stream or watch
// that has gone quiet without closing (a known failure mode of Kubernetes watches).
const SAFETY_POLL_MS = 15_000;

const noRetryOn404 = (failures: number, error: Error) =>
  !(error instanceof FetchError && error.status === 404) && failures < 2;

export function useRuntimes(slug: string, initialData: RuntimeSummary[]) {
  const environment = useEnvironment();
  return useQuery({
    queryKey: runtimeKeys.list(slug, environment),
    queryFn: () => getJson<RuntimeSummary[]>(workspaceApiHref(slug, "/runtimes", environment)),
    initialData,
    refetchInterval: SAFETY_POLL_MS,
  });
}

// Runtimes being deleted from their own page: their page stops asking for them (it is about
// to leave, and the answer would be a 404).
const deleting = new Set<string>();

/** Stops (or, with `false`, resumes) fetching one runtime of one environment, around its deletion. */
export function pauseRuntime(slug: string, environment: string, name: string, paused = true): void {
  if (paused) deleting.add(`${slug}/${environment}/${name}`);
  else deleting.delete(`${slug}/${environment}/${name}`);
}

export function useRuntime(slug: string, name: string, initialData: RuntimeDetails) {
  const queryClient = useQueryClient();
  const environment = useEnvironment();
  const key = runtimeKeys.one(slug, name, environment);
  // Leaving the page ends the pause: a runtime made again under this name is asked for.
  useEffect(() => () => pauseRuntime(slug, environment, name, false), [slug, environment, name]);
  return useQuery({
    queryKey: key,
    // Checked at each fetch (the stream's, the poll's, a refocus'), so it holds at once.
    queryFn: async () =>
      deleting.has(`${slug}/${environment}/${name}`)
        ? (queryClient.getQueryData<RuntimeDetails>(key) ?? initialData)
        : getJson<RuntimeDetails>(workspaceApiHref(slug, `/runtimes?name=${encodeURIComponent(name)}`, environment)),
    initialData,
    retry: noRetryOn404,
    refetchInterval: SAFETY_POLL_MS,
  });
}

export function useQuota(slug: string, initialData: WorkspaceQuota) {
  const environment = useEnvironment();
  return useQuery({
    queryKey: runtimeKeys.quota(slug, environment),
    queryFn: () => getJson<WorkspaceQuota>(workspaceApiHref(slug, "/quota", environment)),
    initialData,
    refetchInterval: SAFETY_POLL_MS,
  });
}

export type StreamState = "connecting" | "live" | "reconnecting";

/**
 * Listens to the workspace's runtime events and invalidates what they name. EventSource
 * reconnects by itself when the server ends the stream; if it gives up (the server
 * answered with an error), this opens a new one after a pause.
 */
export function useRuntimeStream(slug: string): StreamState {
  const queryClient = useQueryClient();
  const environment = useEnvironment();
  const [state, setState] = useState<StreamState>("connecting");
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const invalidate = (names: string[] | null) => {
      void queryClient.invalidateQueries({ queryKey: runtimeKeys.list(slug) });
      void queryClient.invalidateQueries({ queryKey: runtimeKeys.quota(slug) });
      if (names === null) void queryClient.invalidateQueries({ queryKey: ["runtime", slug] });
      else for (const name of names) void queryClient.invalidateQueries({ queryKey: runtimeKeys.one(slug, name) });
    };
    const open = () => {
      source = new EventSource(workspaceApiHref(slug, "/runtimes/stream", environment));
      source.onopen = () => setState("live");
      source.addEventListener("change", (event) => {
        try {
          const { runtimes } = JSON.parse((event as MessageEvent<string>).data) as { runtimes: string[] };
          invalidate(runtimes);
        } catch {
          invalidate(null);
        }
      });
      source.onerror = () => {
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(open, 10_000);
        }
      };
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [slug, environment, queryClient]);
  return state;
}
