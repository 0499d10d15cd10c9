import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { createTeamWorkspace, ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { createSession } from "../tests/support/session";
import { stackImage } from "../tests/support/real-node";
import { firstLoadJs } from "./first-load-js";
import { ensureBuild, startPortal } from "./next-server";
import { atMost, round, type Check } from "./stats";
import { deleteBenchObjects, resetBenchDatabase, tag, type Benchmark } from "./support";

// The first-load JavaScript of every console page, above the framework's own: each page's
// served HTML as a signed-in workspace owner (and platform administrator) gets it from a
// production build, its scripts gzipped and summed (bench/first-load-js.ts), minus what
// Next's prerendered global-error page loads (the framework alone). Issue #15: ≤ 25 kB a route.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OWN_TARGET_KB = 25;
const RUNTIME = "web";

/** Every page route, with `<slug>`, `<runtime>`, `<month>` and `<plan>` filled in at run time. */
const ROUTES = [
  "/dashboard",
  "/account",
  "/notifications",
  "/workspaces/new",
  "/docs/api",
  "/w/<slug>",
  "/w/<slug>/runtimes",
  "/w/<slug>/runtimes/new",
  "/w/<slug>/runtimes/<runtime>",
  "/w/<slug>/runtimes/<runtime>/edit",
  "/w/<slug>/runtimes/<runtime>/logs",
  "/w/<slug>/runtimes/<runtime>/terminal",
  "/w/<slug>/volumes",
  "/w/<slug>/volumes/new",
  "/w/<slug>/kubeconfig",
  "/w/<slug>/members",
  "/w/<slug>/invitations",
  "/w/<slug>/environments",
  "/w/<slug>/quota",
  "/w/<slug>/billing",
  "/w/<slug>/billing/usage",
  "/w/<slug>/billing/statements",
  "/w/<slug>/billing/statements/<month>",
  "/w/<slug>/audit",
  "/w/<slug>/settings",
  "/admin",
  "/admin/workspaces",
  "/admin/users",
  "/admin/plans",
  "/admin/plans/new",
  "/admin/plans/<plan>",
  "/admin/quota-requests",
  "/admin/audit",
  "/admin/admins",
];

async function seedOwner(portalUrl: string) {
  const t = tag();
  const user = await db().user.create({
    data: { name: "Route JS", email: `route-js-${t}@bench.canopy.test`, emailVerified: new Date() },
  });
  await db().platformAdmin.create({ data: { userId: user.id, source: "CONSOLE", grantedBy: "bench" } });
  await ensurePersonalWorkspace(user);
  const { slug } = await createTeamWorkspace({ userId: user.id }, { displayName: "Route JS", slug: `routejs-${t}` });
  const context = await authorizeWorkspace({ userId: user.id }, slug, "runtime.write");
  await createRuntime(
    context,
    createRuntimeInput.parse({
      name: RUNTIME,
      image: stackImage("web:1"),
      cpu: "50m",
      memory: "64Mi",
      replicas: 0,
      runtimeClass: "gvisor",
    }),
  );
  const session = await createSession(user.id, portalUrl);
  return { slug, cookie: session.cookie };
}

export const benchmark: Benchmark = {
  name: "route-js",
  description: "first-load JavaScript of every console page above the framework's own (gzip)",
  async run(_size, log) {
    await resetBenchDatabase();
    const build = ensureBuild(log);
    log(build.how);
    const frameworkHtml = path.join(ROOT, build.distDir, "server/app/_global-error.html");
    if (!existsSync(frameworkHtml)) throw new Error(`no ${frameworkHtml}: cannot tell the framework's share`);
    const framework = firstLoadJs(ROOT, build.distDir, readFileSync(frameworkHtml, "utf8"));
    const frameworkKB = framework.gzipBytes / 1000;
    log(`the framework alone (Next's global-error page): ${frameworkKB.toFixed(1)} kB`);

    const portal = await startPortal(build.distDir, log);
    try {
      const seeded = await seedOwner(portal.url);
      const month = new Date().toISOString().slice(0, 7);
      const checks: Check[] = [];
      const routes: Record<string, { gzipKB: number; ownKB: number; files: number }> = {};
      for (const route of ROUTES) {
        const url = route
          .replace("<slug>", seeded.slug)
          .replace("<runtime>", RUNTIME)
          .replace("<month>", month)
          .replace("<plan>", "team");
        const response = await fetch(`${portal.url}${url}`, { headers: { cookie: seeded.cookie }, redirect: "manual" });
        const html = await response.text();
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        const js = firstLoadJs(ROOT, build.distDir, html);
        const ownKB = (js.gzipBytes - framework.gzipBytes) / 1000;
        routes[route] = { gzipKB: round(js.gzipBytes / 1000), ownKB: round(ownKB), files: js.files };
        log(`${route}: ${(js.gzipBytes / 1000).toFixed(1)} kB, ${ownKB.toFixed(1)} kB above the framework`);
        checks.push(atMost(`${route}: own first-load JS ≤ ${OWN_TARGET_KB} kB gzip`, ownKB, OWN_TARGET_KB));
      }
      return {
        figures: [],
        checks,
        params: { frameworkKB: round(frameworkKB), routes },
      };
    } finally {
      await portal.stop();
      await deleteBenchObjects();
    }
  },
};
