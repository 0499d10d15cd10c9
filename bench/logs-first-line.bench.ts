import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { ensureBuild, startPortal, type Portal } from "./next-server";
import { sessionCookie, startShellRuntime } from "./shell-runtime";
import { deleteBenchObjects, resetBenchDatabase, type Benchmark } from "./support";

// The first log line on screen after opening a runtime's Logs page, in Chromium against a
// production build served by the portal's own server (server.mjs): the runtime runs the
// stack's shell image on the real node and has printed its lines before the page opens.
// Timed inside the page, from the navigation's start (the page's time origin) to the
// animation frame after the first log row (`data-log-row`) is in the document, i.e. the
// frame that paints it. The page's HTML brings the newest lines (read by the server as the
// member while it renders), so that is the server render and the browser's first paint; the
// live view (the page's JavaScript, hydration, the logs route following the log, its rows)
// takes their place after, and is timed too. Two ways to open it:
// a browser that has the portal's static files cached (the console visited before), and a
// new browser context with an empty cache (the first visit), alternating.

const SIZES = {
  smoke: { warmup: 1, runs: 2 },
  full: { warmup: 5, runs: 50 },
};
const TARGET_P95_MS = 1000;
// What the runtime prints at start: the page's default is the last 1,000 lines, followed.
const LINES = 1000;
const ROW = /line \d+ of the bench log/;

// Installed before any of the page's own scripts: notes when the first log row enters the
// document and the frame after, when the logs route's response headers arrive, and the frame
// after the live view's first row (the virtualised list's rows carry data-index).
const PROBE = `(() => {
  const probe = (window.__logProbe = {});
  const observer = new MutationObserver(() => {
    const row = document.querySelector("[data-log-row]");
    if (row && probe.row === undefined) {
      probe.row = performance.now();
      probe.text = row.textContent;
      requestAnimationFrame(() => (probe.frame = performance.now()));
    }
    if (probe.live === undefined && document.querySelector("[data-log-row][data-index]")) {
      probe.live = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => (probe.liveFrame = performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(input instanceof Request ? input.url : input);
    const response = fetch.call(this, input, init);
    if (url.includes("/runtimes/logs") && probe.logRequest === undefined) {
      probe.logRequest = performance.now();
      response.then(() => (probe.logHeaders = performance.now()), () => undefined);
    }
    return response;
  };
})();`;

interface Probe {
  row: number;
  frame: number;
  text: string;
  logRequest: number;
  logHeaders: number;
  liveFrame: number;
  documentEnd: number;
}

async function newContext(
  browser: Browser,
  portalUrl: string,
  cookie: { name: string; value: string },
): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([{ ...cookie, url: portalUrl }]);
  await context.addInitScript(PROBE);
  return context;
}

/** Opens the Logs page in a new tab of `context`; what the probe saw. */
async function openLogs(context: BrowserContext, url: string): Promise<Probe> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(
      () => {
        const probe = (window as { __logProbe?: { frame?: number; liveFrame?: number } }).__logProbe;
        return probe?.frame !== undefined && probe.liveFrame !== undefined;
      },
      null,
      {
        timeout: 30_000,
      },
    );
    const probe = await page.evaluate(() => {
      const seen = (window as unknown as { __logProbe: Omit<Probe, "documentEnd"> }).__logProbe;
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return { ...seen, documentEnd: navigation?.responseEnd ?? NaN };
    });
    if (!ROW.test(probe.text)) throw new Error(`the first row is not a log line: ${JSON.stringify(probe.text)}`);
    if (probe.logRequest === undefined || probe.logHeaders === undefined || Number.isNaN(probe.documentEnd))
      throw new Error("the page's navigation or its logs request was not seen");
    // The frame is timed, not the response's last byte: a row painted from the HTML comes
    // before it (the document still streams).
    return probe;
  } finally {
    await page.close();
  }
}

export const benchmark: Benchmark = {
  name: "logs-first-line",
  description: "first log line on screen after opening a runtime's Logs page, Chromium, production build",
  async run(size, log) {
    const { warmup, runs } = SIZES[size];
    await resetBenchDatabase();
    const build = ensureBuild(log);
    // The pod starts while the server and the browser do.
    const starting = startShellRuntime({ prefix: "bench-logs", lines: LINES });
    starting.catch(() => undefined);
    let portal: Portal | undefined;
    let browser: Browser | undefined;
    try {
      portal = await startPortal(build.distDir, log, [], "server.mjs");
      browser = await chromium.launch({
        // As the browser tests launch it (playwright.config.ts): Debian's Chromium, no download.
        // eslint-disable-next-line no-restricted-properties
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
      });
      const [chrome, portalUrl] = [browser, portal.url];
      const shell = await starting;
      const cookie = await sessionCookie(shell.userId, portalUrl);
      const url = `${portalUrl}/w/${shell.slug}/runtimes/${shell.runtime}/logs`;
      const warm = await newContext(chrome, portalUrl, cookie);
      const cold = async () => {
        const context = await newContext(chrome, portalUrl, cookie);
        try {
          return await openLogs(context, url);
        } finally {
          await context.close();
        }
      };
      log(`pod ${shell.pod} running; ${warmup} warm-up opens`);
      for (let i = 0; i < warmup; i++) await openLogs(warm, url);

      const samples = {
        warm: [] as number[],
        cold: [] as number[],
        html: [] as number[],
        live: [] as number[],
        script: [] as number[],
        route: [] as number[],
        paint: [] as number[],
      };
      log(`${runs} opens each, cached and first-visit alternating`);
      for (let i = 0; i < runs; i++) {
        const order = i % 2 === 0 ? (["warm", "cold"] as const) : (["cold", "warm"] as const);
        for (const which of order) {
          const probe = which === "warm" ? await openLogs(warm, url) : await cold();
          samples[which].push(probe.frame);
          if (which === "warm") {
            samples.html.push(probe.documentEnd);
            samples.live.push(probe.liveFrame);
            samples.script.push(probe.logRequest - probe.documentEnd);
            samples.route.push(probe.logHeaders - probe.logRequest);
            samples.paint.push(probe.liveFrame - probe.logHeaders);
          }
        }
      }
      await warm.close();
      return {
        figures: [
          { name: "open → first log line on screen, cached", samples: samples.warm, targets: { p95: TARGET_P95_MS } },
          { name: "the same, first visit (empty cache)", samples: samples.cold, targets: { p95: TARGET_P95_MS } },
          { name: "cached: open → the page's HTML received (its lines in it)", samples: samples.html, targets: {} },
          { name: "cached: open → the live view's first line on screen", samples: samples.live, targets: {} },
          { name: "cached, live 1: HTML → logs route requested (JS, hydration)", samples: samples.script, targets: {} },
          { name: "cached, live 2: logs route requested → answered", samples: samples.route, targets: {} },
          { name: "cached, live 3: logs route answered → live row painted", samples: samples.paint, targets: {} },
        ],
        params: {
          warmup,
          runs,
          linesPrinted: LINES,
          server: "server.mjs",
          build: build.how,
          browser: "Chromium (/usr/bin/chromium), headless",
          image: "canopy/shell:1",
          runtimeClass: "gvisor",
          node: "real",
        },
        notes: [
          "Times are the page's own clock (performance.now, from the navigation's start) to the animation frame after the first [data-log-row] entered the document.",
          "The first row comes in the page's HTML (the server reads the log's newest lines as the member while rendering). The live view that follows the log replaces it: for the cached opens, the frame after its first row, and its phases: the navigation's responseEnd; the page's fetch of the logs route called; that fetch resolved (the route's headers); the frame after the live view's first row.",
        ],
      };
    } finally {
      await starting.catch(() => undefined);
      await browser?.close();
      await portal?.stop();
      await deleteBenchObjects();
    }
  },
};
