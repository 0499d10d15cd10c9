// Which environment a console page, link or internal route acts in: the URL's `?env=`
// (`/w/<slug>/runtimes?env=prod`), the default environment without it. No imports, so the
// browser's components build their links with the same helpers as the server.

export const DEFAULT_ENVIRONMENT = "default";

/** The query parameter that names the environment; absent for the default one. */
export const ENVIRONMENT_PARAM = "env";

/**
 * The workspace-wide view of the lists that offer one (runtimes, volumes, costs, audit):
 * a reserved name no environment can take (lib/environments/environment-name.ts).
 */
export const ALL_ENVIRONMENTS = "all";

/** The query parameter of a list's workspace-wide view (`?scope=all`, lib/environments/across-environments.ts). */
export const SCOPE_PARAM = "scope";

/** True when a page's query asks for the workspace-wide view of its list. */
export function wantsAllEnvironments(searchParams: Record<string, string | string[] | undefined>): boolean {
  return searchParams[SCOPE_PARAM] === ALL_ENVIRONMENTS;
}

function normalized(value: string | null | undefined): string {
  const name = value?.trim().toLowerCase();
  return name ? name : DEFAULT_ENVIRONMENT;
}

/** The environment a URL names, or the default one. */
export function environmentOf(url: URL | string): string {
  return normalized(new URL(url, "http://x").searchParams.get(ENVIRONMENT_PARAM));
}

/** The environment a page's `searchParams` name (the first value if repeated), or the default one. */
export function environmentParam(searchParams: Record<string, string | string[] | undefined> | undefined): string {
  const value = searchParams?.[ENVIRONMENT_PARAM];
  return normalized(Array.isArray(value) ? value[0] : value);
}

/**
 * `href` with the environment in its query (replacing one it had), or without any for the
 * default environment: the default environment's URLs stay what they always were.
 */
export function withEnvironment(href: string, environment: string | null | undefined): string {
  const hashAt = href.indexOf("#");
  const hash = hashAt >= 0 ? href.slice(hashAt) : "";
  const rest = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = rest.indexOf("?");
  const path = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const params = new URLSearchParams(queryAt >= 0 ? rest.slice(queryAt + 1) : "");
  params.delete(ENVIRONMENT_PARAM);
  const name = normalized(environment);
  if (name !== DEFAULT_ENVIRONMENT) params.set(ENVIRONMENT_PARAM, name);
  const query = params.toString();
  return `${path}${query ? `?${query}` : ""}${hash}`;
}

/** A console page of a workspace in an environment: `workspaceHref("acme", "/runtimes", "prod")`. */
export function workspaceHref(slug: string, path: string, environment?: string | null): string {
  return withEnvironment(`/w/${slug}${path}`, environment);
}

/** An internal route of a workspace (`/api/w/<slug>/...`) in an environment. */
export function workspaceApiHref(slug: string, path: string, environment?: string | null): string {
  return withEnvironment(`/api/w/${encodeURIComponent(slug)}${path}`, environment);
}

/**
 * The page at `pathname` in another environment, for the switcher: the same page, except
 * that a runtime's or volume's own page becomes its list (the other environment has other
 * runtimes and volumes). Other query parameters (filters naming this environment's things) are dropped.
 */
export function switchedHref(pathname: string, environment: string): string {
  const match = pathname.match(/^(\/w\/[^/]+\/(?:runtimes|volumes))\/(?!new$)[^/]+/);
  return withEnvironment(match?.[1] ?? pathname, environment);
}
