import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { grantCredit } from "@/lib/billing/credits";
import { db } from "@/lib/db/client";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { createTeamWorkspace, ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { eventually } from "../tests/support/kube";
import { createSession } from "../tests/support/session";
import { firstLoadJs, type FirstLoadJs } from "./first-load-js";
import { stackImage } from "../tests/support/real-node";
import { ensureBuild, startPortal } from "./next-server";
import { fetchPage, pageAtRate, type Page, type PageAtRate } from "./pages-at-rate";
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

// The console's pages as a signed-in user gets them from a production build (server.mjs, as
// the image runs it): the full HTML document request (server render of the page and its
// layout: session, workspace guard, PostgreSQL, the API server as the member) at a constant
// 50 requests a second from 1 process and from 2 (a process per core), the CPU each request
// costs against the smallest signed-in page (the floor), and the first-load JavaScript of
// the dashboard, runtimes and billing pages.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Smoke measures the floor and the three pages with targets; full also the other workspace pages.
const SIZES = {
  smoke: {
    warmupSeconds: 1,
    seconds: 3,
    days: 40,
    scaleOutSeconds: 3,
    scaleOutPages: ["runtimes"],
    recordedPages: [] as string[],
  },
  full: {
    warmupSeconds: 5,
    seconds: 30,
    days: 365,
    scaleOutSeconds: 10,
    scaleOutPages: ["dashboard", "runtimes", "billing"],
    recordedPages: ["overview", "volumes", "members", "kubeconfig", "settings"],
  },
};

const RATE = 50;
const P95_TARGET_MS = 150;
const FIRST_LOAD_TARGET_KB = 130;
/** Every console page's server CPU per request, at most this many times the floor's. */
const FLOOR_RATIO_TARGET = 2;
const RUNTIME = "web";
const SESSION_TTL_MS = 7 * 24 * HOUR_MS;

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
  // Admission looks up the namespace's default ServiceAccount, which the controller manager
  // makes a moment after the namespace (seconds on a loaded machine).
  await eventually(`default ServiceAccount in ${context.namespace}`, () =>
    adminApi(k8s.CoreV1Api).readNamespacedServiceAccount({ name: "default", namespace: context.namespace }),
  );
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

export const benchmark: Benchmark = {
  name: "pages",
  description:
    "console pages of a production build at 50 requests a second (1 and 2 processes), CPU per request against a minimal signed-in page; first-load JS",
  async run(size, log) {
    const { warmupSeconds, seconds, days, scaleOutSeconds, scaleOutPages, recordedPages } = SIZES[size];
    await resetBenchDatabase();
    const build = ensureBuild(log);
    log(build.how);
    let portal = await startPortal(build.distDir, log, [], "server.mjs");
    try {
      const seeded = await seedUser(days, portal.url);
      log(`seeded a user, a workspace with runtime "${RUNTIME}" and ${days} days of billing history`);
      const w = `/w/${seeded.slug}`;
      // The floor: the smallest signed-in console page. It does what every console page does
      // (the session through next-auth, the console layout: header, workspace list, unread
      // count, operator link) and renders one small form, and reads nothing of its own.
      const floor: Page = {
        name: "floor",
        path: "/workspaces/new",
        marker: "A team workspace is an isolated namespace",
      };
      const targets: Page[] = [
        { name: "dashboard", path: "/dashboard", marker: "Pages bench" },
        { name: "runtimes", path: `${w}/runtimes`, marker: stackImage("web:1") },
        { name: "billing", path: `${w}/billing`, marker: "Bench grant" },
      ];
      const others: Page[] = [
        { name: "overview", path: w, marker: "Recent activity" },
        { name: "volumes", path: `${w}/volumes`, marker: 'id="volumes-heading"' },
        { name: "members", path: `${w}/members`, marker: 'id="members-heading"' },
        { name: "kubeconfig", path: `${w}/kubeconfig`, marker: "Download a kubeconfig" },
        { name: "settings", path: `${w}/settings`, marker: "API tokens" },
      ].filter((page) => recordedPages.includes(page.name));
      const shown = (page: Page) => `${page.name} ${page.path.replace(seeded.slug, "<slug>")}`;

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
      const load: Record<string, PageAtRate> = {};
      const measure = async (page: Page, key: string, label: string, p95TargetMs?: number) => {
        await fetchPage(`${portal.url}${page.path}`, seeded.cookie, page);
        log(`${label}: warm-up ${warmupSeconds} s, then ${seconds} s at ${RATE} requests/s`);
        const url = `${portal.url}${page.path}`;
        const result = await pageAtRate(portal, {
          label,
          url,
          cookie: seeded.cookie,
          rate: RATE,
          warmupSeconds,
          seconds,
          p95TargetMs,
        });
        await fetchPage(`${portal.url}${page.path}`, seeded.cookie, page);
        log(`${label}: ${result.params.serverCpuMsPerRequest} ms of CPU per request`);
        figures.push(result.figure);
        checks.push(...result.checks);
        load[key] = result.params;
        return result.params.serverCpuMsPerRequest;
      };

      // One process (server.mjs, what the image runs): every page, between two measures of
      // the floor (the machine is shared; the ratio is to their mean).
      const floorCpu = [await measure(floor, "floor", `${shown(floor)} (first)`)];
      for (const page of [...targets, ...others]) {
        const html = await fetchPage(`${portal.url}${page.path}`, seeded.cookie, page);
        if (targets.includes(page)) {
          const js = firstLoadJs(ROOT, build.distDir, html);
          firstLoad[page.name] = { ...js, gzipKB: round(js.gzipBytes / 1000) };
          checks.push(
            atMost(
              `${page.name}: first-load JS ≤ ${FIRST_LOAD_TARGET_KB} kB gzip`,
              js.gzipBytes / 1000,
              FIRST_LOAD_TARGET_KB,
            ),
          );
        }
        await measure(page, page.name, shown(page), targets.includes(page) ? P95_TARGET_MS : undefined);
      }
      floorCpu.push(await measure(floor, "floor (again)", `${shown(floor)} (again)`));
      const floorMean = (floorCpu[0]! + floorCpu[1]!) / 2;
      const cpuRatio: Record<string, number> = {};
      for (const page of [...targets, ...others]) {
        cpuRatio[page.name] = round(load[page.name]!.serverCpuMsPerRequest / floorMean);
        log(`${page.name}: ${cpuRatio[page.name]}× the floor's CPU per request`);
        checks.push(
          atMost(
            `${page.name}: server CPU per request ≤ ${FLOOR_RATIO_TARGET}× the floor's (${shown(floor)})`,
            load[page.name]!.serverCpuMsPerRequest / floorMean,
            FLOOR_RATIO_TARGET,
          ),
        );
      }

      // A process per core: the same rate against 2 server.mjs processes behind one address.
      await portal.stop();
      portal = await startPortal(build.distDir, log, [], "server.mjs", 2);
      for (const page of targets)
        await measure(page, `${page.name}, 2 processes`, `${shown(page)}, 2 processes`, P95_TARGET_MS);

      // Scale-out: the same build as 1 and as 2 server.mjs processes behind one address
      // (stop is idempotent: the finally below finds it stopped).
      await portal.stop();
      const scaleOut = await measureScaleOut(
        build,
        targets
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
          floor: { path: floor.path, serverCpuMsPerRequest: floorCpu, mean: round(floorMean, 1) },
          cpuRatio,
        },
        notes: [
          `Server time: each figure is the response time of the full HTML document request (request written to the last byte read, over keep-alive connections on loopback) from server.mjs on a production build (${build.distDir}), signed in by a database session (tests/support/session.ts).`,
          `Load: ${RATE} requests a second evenly spaced (${RATE} autocannon connections, one request a second each, started ${1000 / RATE} ms apart), ${warmupSeconds} s of warm-up per page (not measured), then ${seconds} s measured.`,
          "First-load JS: the <script src> files of the page's served HTML (not the noModule polyfills, which module-capable browsers skip), each gzipped (zlib default level) from the build output and summed; kB = 1000 bytes.",
          "firstLoadFramework: the same measure for Next's prerendered global-error page (framework chunks only), the floor under every route of this build.",
          "serverCpuMsPerRequest (params.load): user + system CPU of the server.mjs process (with 2: both and their primary) over the measured seconds, per request; one Node process serves at most 1000 / that many requests a second.",
          "Floor (params.floor): /workspaces/new, the smallest signed-in console page (session, console layout, one small form), measured before and after the other pages with 1 process; params.cpuRatio = a page's CPU per request ÷ the mean of the two.",
          'With 2 processes (figures "…, 2 processes"): server.mjs forked twice sharing one listening socket (bench/portal-processes.mjs), the same constant rate, a process per core.',
          "Scale-out (params.scaleOut): each page driven to capacity (closed loop: 16 keep-alive connections, each sending its next request when answered) against server.mjs as 1 process and as 2 processes sharing one listening socket (Node's cluster module, round-robin; bench/portal-processes.mjs); scaleOutRatio = requests/s with 2 ÷ with 1. The load generator runs on the same 2 cores.",
          "The build is reused when its BUILD_ID is newer than every file under app/, components/, lib/, public/ and next.config.js, postcss.config.mjs, package-lock.json; else the bench builds into .next-bench.",
        ],
      };
    } finally {
      await portal.stop();
      const deleted = await deleteBenchObjects();
      log(`stopped the portal; deleted ${deleted} bench namespaces`);
      await resetBenchDatabase();
    }
  },
};
