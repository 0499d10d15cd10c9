import { constantRate } from "./http-load";
import type { Portal } from "./next-server";
import { atMost, round, type Check } from "./stats";
import type { Figure } from "./support";

// One page of the pages benchmark at a constant request rate against a running portal:
// its response times, whether the load kept up, and the CPU the portal's processes spent per
// request (the figure the floor ratio compares).

export interface Page {
  name: string;
  path: string;
  /** Text only the real page shows (not the sign-in page, not a 404). */
  marker: string;
}

/** One signed-in request: the page itself, not a redirect to the sign-in page or a 404. */
export async function fetchPage(url: string, cookie: string, page: Page): Promise<string> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
  if (!html.includes(page.marker)) throw new Error(`${page.path} does not show "${page.marker}"`);
  return html;
}

export interface PageAtRate {
  statuses: Record<number, number>;
  failed: number;
  achievedRate: number;
  serverCpuMsPerRequest: number;
}

export interface PageLoad {
  /** How the figure and its checks are named, e.g. "runtimes" or "runtimes, 2 processes". */
  label: string;
  url: string;
  cookie: string;
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** The p95 target (ms), or none for a page that is only recorded. */
  p95TargetMs?: number;
}

export async function pageAtRate(
  portal: Portal,
  load: PageLoad,
): Promise<{ figure: Figure; checks: Check[]; params: PageAtRate }> {
  const headers = { cookie: load.cookie };
  await constantRate(load.url, headers, load.rate, load.warmupSeconds);
  const cpuBefore = portal.cpuMs();
  const result = await constantRate(load.url, headers, load.rate, load.seconds);
  const cpuMsPerRequest = (portal.cpuMs() - cpuBefore) / result.latencies.length;
  return {
    figure: {
      name: load.label,
      samples: result.latencies,
      targets: load.p95TargetMs === undefined ? {} : { p95: load.p95TargetMs },
    },
    // A run with failed requests or one that fell behind the rate is not a pass: a server that
    // falls behind delays the connections, which would otherwise hide its queue.
    checks: [
      atMost(`${load.label}: failed requests (non-2xx, errors, timeouts) = 0`, result.failed, 0),
      atMost(
        `${load.label}: requests/s short of ${load.rate} ≤ ${load.rate * 0.05} (the load kept up)`,
        load.rate - result.achievedRate,
        load.rate * 0.05,
      ),
    ],
    params: {
      statuses: result.statuses,
      failed: result.failed,
      achievedRate: round(result.achievedRate),
      serverCpuMsPerRequest: round(cpuMsPerRequest, 1),
    },
  };
}
