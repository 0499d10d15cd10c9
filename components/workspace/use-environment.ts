"use client";

import { useSearchParams } from "next/navigation";
import { environmentOf, workspaceApiHref, workspaceHref, withEnvironment } from "@/lib/environments/environment-param";

// The environment the current page acts in (its `?env=`), for client components: their links
// and fetches carry it, so moving around a workspace never falls back to the default one.

export function useEnvironment(): string {
  const params = useSearchParams();
  return environmentOf(`?${params?.toString() ?? ""}`);
}

/** Builds links and internal-route URLs of `slug` in the current environment. */
export function useWorkspaceLinks(slug: string) {
  const environment = useEnvironment();
  return {
    environment,
    /** A console page: `page("/runtimes")`. */
    page: (path = "") => workspaceHref(slug, path, environment),
    /** An internal route: `api("/runtimes?name=web")`. */
    api: (path: string) => workspaceApiHref(slug, path, environment),
    /** Any href (one of a section list already built) in the current environment. */
    keep: (href: string) => withEnvironment(href, environment),
  };
}
