import { readFileSync } from "node:fs";
import { join } from "node:path";

// A request's route pattern ("/w/[slug]/runtimes/[name]"), the label of the portal's
// request metrics and access log: never the path itself, which carries slugs and names.
// The patterns and their regular expressions are those of Next's own build output
// (routes-manifest.json), static routes first, dynamic ones in Next's order of precedence.

interface ManifestRoute {
  page: string;
  regex: string;
}

interface RoutesManifest {
  staticRoutes?: ManifestRoute[];
  dynamicRoutes?: ManifestRoute[];
}

/** What a path that matches no route of the build is labelled. */
export const UNMATCHED_ROUTE = "unmatched";

export type RoutePatternOf = (pathname: string) => string;

export function routePatternMatcher(manifest: RoutesManifest): RoutePatternOf {
  const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => ({
    page: route.page,
    regex: new RegExp(route.regex),
  }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return pathname.startsWith("/_next/static/") ? "/_next/static" : "/_next";
    return routes.find((route) => route.regex.test(pathname))?.page ?? UNMATCHED_ROUTE;
  };
}

/**
 * The matcher of the build in `distDir`. A development server writes no routes into its
 * manifest (it compiles routes on demand), so there every page path is "unmatched".
 */
export function loadRoutePatterns(distDir: string): RoutePatternOf {
  let manifest: RoutesManifest = {};
  try {
    manifest = JSON.parse(readFileSync(join(distDir, "routes-manifest.json"), "utf8")) as RoutesManifest;
  } catch {
    // No build here (a development server before its first compile): nothing matches.
  }
  return routePatternMatcher(manifest);
}
