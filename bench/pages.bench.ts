import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { grantCredit } from "@/lib/billing/credits";
import { db } from "@/lib/db/client";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { createTeamWorkspace, ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { createSession } from "../tests/support/session";
import { firstLoadJs, type FirstLoadJs } from "./first-load-js";
import { constantRate } from "./http-load";
import { stackImage } from "../tests/support/real-node";
import { ensureBuild, startPortal } from "./next-server";
import { measureScaleOut } from "./pages-scale-out";
import { atMost, round, type Check } from "./stats";
import {
  deleteBenchObjects,
  finishRatedHistory,
  resetBenchDatabase,
  tag,
  type Benchmark,
  type Figure,
} from "./support";
import { floorHour, HOUR_MS } from "@/lib/time/utc";

// The dashboard, runtimes and billing pages as a signed-in user gets them from a production
// build (`next start`): the full HTML document request (server render of the page and its
// layout: session, workspace guard, PostgreSQL, the API server as the member) at a constant
// 50 requests a second, and the first-load JavaScript each of them makes the browser fetch.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const SIZES = {
  smoke: { warmupSeconds: 1, seconds: 3, days: 40, scaleOutSeconds: 3, scaleOutPages: ["runtimes"] },
  full: {
    warmupSeconds: 5,
    seconds: 30,
    days: 365,
    scaleOutSeconds: 10,
    scaleOutPages: ["dashboard", "runtimes", "billing"],
  },
};

const RATE = 50;
const P95_TARGET_MS = 150;
const FIRST_LOAD_TARGET_KB = 130;
const RUNTIME = "web";
const SESSION_TTL_MS = 7 * 24 * HOUR_MS;

interface Page {
  name: string;
  path: string;
  /** Text only the real page shows (not the sign-in page, not a 404). */
  marker: string;
}

/**
 * A workspace's billing history as the rater leaves it: three hourly line items per hour
 * (the runtime's CPU and memory, a volume's storage) for `days` days before the current
 * hour, their daily rollups, the rating cursor at the current hour and this hour's minutes
 * as unrated usage.
 */
async function seedBillingHistory(workspaceId: string, namespace: string, days: number): Promise<void> {
  const now = new Date();
  const hour = floorHour(now);
  const from = new Date(hour.getTime() - days * 24 * HOUR_MS);
  await db().$executeRaw`
    INSERT INTO hourly_line_items
      (workspace_id, hour, resource, runtime_class, subject_kind, subject_name,
       quantity_minutes, unit_price_micros, amount_micros)
    SELECT ${workspaceId}, h, r.resource::"ChargeResource", r.class, r.kind::"ChargeSubject", r.subject,
           r.quantity, r.price, r.quantity * r.price / r.divisor
      FROM generate_series(${from}::timestamptz, ${hour}::timestamptz - interval '1 hour', interval '1 hour') h,
           (VALUES ('CPU', 'gvisor', 'RUNTIME', ${RUNTIME}, 6000::bigint, 40000::bigint, 60000::bigint),
                   ('MEMORY', 'gvisor', 'RUNTIME', ${RUNTIME}, 8053063680::bigint, 5000::bigint, 64424509440::bigint),
                   ('STORAGE', '', 'VOLUME', 'data', 64424509440::bigint, 100000::bigint, 47029891891200::bigint))
             AS r(resource, class, kind, subject, quantity, price, divisor)`;
  await finishRatedHistory([{ id: workspaceId, namespace }], RUNTIME, from, hour, now);
}

/**
 * A signed-in user as first sign-in leaves them (personal workspace), with a team
 * workspace that runs one runtime and has `days` days of billing history and a grant.
 */
async function seedUser(days: number, portalUrl: string) {
  const t = tag();
  const user = await db().user.create({
    data: { name: "Bench Reader", email: `pages-${t}@bench.canopy.test`, emailVerified: new Date() },
  });
  await ensurePersonalWorkspace(user);
  const { slug } = await createTeamWorkspace({ userId: user.id }, { displayName: "Pages bench", slug: `pages-${t}` });
  await grantCredit({ workspaceSlug: slug, amountMicros: 1_000_000_000n, grantedBy: "bench", note: "Bench grant" });
  const context = await authorizeWorkspace({ userId: user.id }, slug, "runtime.write");
  await createRuntime(
    context,
    createRuntimeInput.parse({
      name: RUNTIME,
      image: stackImage("web:1"),
      cpu: "100m",
      memory: "128Mi",
      replicas: 1,
      runtimeClass: "gvisor",
    }),
  );
  await seedBillingHistory(context.workspace.id, context.namespace, days);
  // As long as a real sign-in's (next-auth's maxAge, 7 days): a session near its end is
  // renewed, a write, on every request.
  const session = await createSession(user.id, portalUrl, SESSION_TTL_MS);
  return { slug, cookie: session.cookie };
}

/** One signed-in request: the page itself, not a redirect to the sign-in page or a 404. */
async function fetchPage(url: string, cookie: string, page: Page): Promise<string> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
  if (!html.includes(page.marker)) throw new Error(`${page.path} does not show "${page.marker}"`);
  return html;
}

export const benchmark: Benchmark = {
  name: "pages",
  description: "dashboard, runtimes and billing pages of a production build at 50 requests a second; first-load JS",
  async run(size, log) {
    const { warmupSeconds, seconds, days, scaleOutSeconds, scaleOutPages } = SIZES[size];
    await resetBenchDatabase();
    const build = ensureBuild(log);
    log(build.how);
    const portal = await startPortal(build.distDir, log);
    try {
      const seeded = await seedUser(days, portal.url);
      log(`seeded a user, a workspace with runtime "${RUNTIME}" and ${days} days of billing history`);
      const pages: Page[] = [
        { name: "dashboard", path: "/dashboard", marker: "Pages bench" },
        { name: "runtimes", path: `/w/${seeded.slug}/runtimes`, marker: stackImage("web:1") },
        { name: "billing", path: `/w/${seeded.slug}/billing`, marker: "Bench grant" },
      ];
      const headers = { cookie: seeded.cookie };

      // The framework's own share: Next's prerendered global-error page loads nothing of ours.
      const frameworkHtml = path.join(ROOT, build.distDir, "server/app/_global-error.html");
      const framework = existsSync(frameworkHtml)
        ? firstLoadJs(ROOT, build.distDir, readFileSync(frameworkHtml, "utf8"))
        : null;
      if (framework)
        log(`first-load JS of Next's own global-error page: ${(framework.gzipBytes / 1000).toFixed(1)} kB`);

      const figures: Figure[] = [];
      const checks: Check[] = [];
      const firstLoad: Record<string, FirstLoadJs & { gzipKB: number }> = {};
      const load: Record<
        string,
        { statuses: Record<number, number>; failed: number; achievedRate: number; serverCpuMsPerRequest: number }
      > = {};
      for (const page of pages) {
        const url = `${portal.url}${page.path}`;
        const html = await fetchPage(url, seeded.cookie, page);
        const js = firstLoadJs(ROOT, build.distDir, html);
        const gzipKB = js.gzipBytes / 1000;
        firstLoad[page.name] = { ...js, gzipKB: round(gzipKB) };
        checks.push(
          atMost(`${page.name}: first-load JS ≤ ${FIRST_LOAD_TARGET_KB} kB gzip`, gzipKB, FIRST_LOAD_TARGET_KB),
        );

        log(`${page.name}: warm-up ${warmupSeconds} s, then ${seconds} s at ${RATE} requests/s`);
        await constantRate(url, headers, RATE, warmupSeconds);
        const cpuBefore = portal.cpuMs();
        const result = await constantRate(url, headers, RATE, seconds);
        const cpuMsPerRequest = (portal.cpuMs() - cpuBefore) / result.latencies.length;
        await fetchPage(url, seeded.cookie, page);
        load[page.name] = {
          statuses: result.statuses,
          failed: result.failed,
          achievedRate: round(result.achievedRate),
          serverCpuMsPerRequest: round(cpuMsPerRequest, 1),
        };
        log(`${page.name}: next start used ${cpuMsPerRequest.toFixed(1)} ms of CPU per request`);
        figures.push({
          name: `${page.name} ${page.path.replace(seeded.slug, "<slug>")}`,
          samples: result.latencies,
          targets: { p95: P95_TARGET_MS },
        });
        // A run with failed requests or one that fell behind the rate is not a pass.
        checks.push(atMost(`${page.name}: failed requests (non-2xx, errors, timeouts) = 0`, result.failed, 0));
        checks.push(
          atMost(
            `${page.name}: requests/s short of ${RATE} ≤ ${RATE * 0.05} (the load kept up)`,
            RATE - result.achievedRate,
            RATE * 0.05,
          ),
        );
      }
      // Scale-out: the same build as 1 and as 2 server.mjs processes behind one address
      // (stop is idempotent: the finally below finds it stopped).
      await portal.stop();
      const scaleOut = await measureScaleOut(
        build,
        pages
          .filter((page) => scaleOutPages.includes(page.name))
          .map((page) => ({ name: page.name, url: (base: string) => `${base}${page.path}` })),
        seeded.cookie,
        scaleOutSeconds,
        log,
      );
      figures.push(...scaleOut.figures);
      checks.push(...scaleOut.checks);
      return {
        figures,
        checks,
        params: {
          scaleOut: scaleOut.params,
          rate: RATE,
          seconds,
          warmupSeconds,
          daysOfBillingHistory: days,
          build: build.how,
          firstLoad,
          firstLoadFramework: framework ? { ...framework, gzipKB: round(framework.gzipBytes / 1000) } : null,
          load,
        },
        notes: [
          `Server time: each figure is the response time of the full HTML document request (request written to the last byte read, over keep-alive connections on loopback) from next start on a production build (${build.distDir}), signed in by a database session (tests/support/session.ts).`,
          `Load: ${RATE} requests a second evenly spaced (${RATE} autocannon connections, one request a second each, started ${1000 / RATE} ms apart), ${warmupSeconds} s of warm-up per page (not measured), then ${seconds} s measured.`,
          "First-load JS: the <script src> files of the page's served HTML (not the noModule polyfills, which module-capable browsers skip), each gzipped (zlib default level) from the build output and summed; kB = 1000 bytes.",
          "firstLoadFramework: the same measure for Next's prerendered global-error page (framework chunks only), the floor under every route of this build.",
          "serverCpuMsPerRequest (params.load): user + system CPU of the next start process over the measured seconds, per request; one Node process serves at most 1000 / that many requests a second.",
          "Scale-out (params.scaleOut): each page driven to capacity (closed loop: 16 keep-alive connections, each sending its next request when answered) against server.mjs as 1 process and as 2 processes sharing one listening socket (Node's cluster module, round-robin; bench/portal-processes.mjs); scaleOutRatio = requests/s with 2 ÷ with 1. The load generator runs on the same 2 cores.",
          "The build is reused when its BUILD_ID is newer than every file under app/, components/, lib/, public/ and next.config.js, postcss.config.mjs, package-lock.json; else the bench builds into .next-bench.",
        ],
      };
    } finally {
      await portal.stop();
      const deleted = await deleteBenchObjects();
      log(`stopped next start; deleted ${deleted} bench namespaces`);
      await resetBenchDatabase();
    }
  },
};
