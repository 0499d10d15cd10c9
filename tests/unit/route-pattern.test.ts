import { describe, expect, it } from "vitest";
import { routePatternMatcher, UNMATCHED_ROUTE } from "@/lib/observability/route-pattern";

// Entries as Next's build writes them in routes-manifest.json.
const manifest = {
  staticRoutes: [
    { page: "/api/health", regex: "^/api/health(?:/)?$" },
    { page: "/workspaces/new", regex: "^/workspaces/new(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
    { page: "/w/[slug]/runtimes/new", regex: "^/w/([^/]+?)/runtimes/new(?:/)?$" },
    { page: "/w/[slug]/runtimes/[name]", regex: "^/w/([^/]+?)/runtimes/([^/]+?)(?:/)?$" },
    { page: "/w/[slug]", regex: "^/w/([^/]+?)(?:/)?$" },
  ],
};

describe("route patterns", () => {
  const routeOf = routePatternMatcher(manifest);

  it("labels a path by its route's pattern, never by the slugs and names in it", () => {
    expect(routeOf("/w/acme/runtimes/api")).toBe("/w/[slug]/runtimes/[name]");
    expect(routeOf("/w/acme/runtimes/new")).toBe("/w/[slug]/runtimes/new");
    expect(routeOf("/w/acme")).toBe("/w/[slug]");
    expect(routeOf("/api/auth/callback/dev")).toBe("/api/auth/[...nextauth]");
    expect(routeOf("/api/health")).toBe("/api/health");
  });

  it("gives every other path one of a few fixed labels", () => {
    expect(routeOf("/_next/static/chunks/app-1234.js")).toBe("/_next/static");
    expect(routeOf("/_next/image")).toBe("/_next");
    expect(routeOf("/wp-admin/setup.php")).toBe(UNMATCHED_ROUTE);
    expect(routeOf("/w/acme/unknown/deep/path")).toBe(UNMATCHED_ROUTE);
    expect(routePatternMatcher({})("/w/acme")).toBe(UNMATCHED_ROUTE);
  });
});
