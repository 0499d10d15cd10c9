import { saturate } from "./http-load";
import { startPortal, type Build } from "./next-server";
import { atMost, round, summarize, type Check } from "./stats";
import type { Figure } from "./support";

// The pages benchmark's scale-out figure (issue 14): how many page requests a second the
// portal answers as 1 process and as 2 processes behind one address (the way 2 replicas
// behind a Service share it), each driven to its capacity, and the ratio of the two.
// The load generator shares the machine's cores, so on 2 cores the ratio is a floor of
// what 2 replicas on 2 nodes would give.

const CONNECTIONS = 16;

export interface ScaleOutPage {
  name: string;
  url: (base: string) => string;
}

/**
 * Every process has rendered the page before the clock starts: two rounds of concurrent
 * requests on fresh connections, which the primary hands to the processes in turn.
 */
async function warmUp(url: string, cookie: string, processes: number): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await Promise.all(
      Array.from({ length: processes * 4 }, async () => {
        const response = await fetch(url, { headers: { cookie, connection: "close" }, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`warm-up: ${url} answered ${response.status}`);
      }),
    );
  }
}

export async function measureScaleOut(
  build: Build,
  pages: ScaleOutPage[],
  cookie: string,
  seconds: number,
  log: (msg: string) => void,
): Promise<{ figures: Figure[]; checks: Check[]; params: Record<string, unknown> }> {
  const figures: Figure[] = [];
  const checks: Check[] = [];
  const capacity: Record<string, Record<string, number>> = {};
  for (const processes of [1, 2]) {
    const portal = await startPortal(build.distDir, log, [], "server.mjs", processes);
    try {
      for (const page of pages) {
        const url = page.url(portal.url);
        await warmUp(url, cookie, processes);
        const result = await saturate(url, { cookie }, CONNECTIONS, seconds);
        (capacity[page.name] ??= {})[`${processes}`] = round(result.requestsPerSecond, 1);
        if (result.latencies.length === 0) throw new Error(`${page.name}: no answer within ${seconds} s`);
        log(
          `${page.name}: ${processes} process(es) answered ${result.requestsPerSecond.toFixed(1)} requests/s ` +
            `(p50 ${summarize(result.latencies).p50.toFixed(0)} ms at ${CONNECTIONS} connections)`,
        );
        figures.push({
          name: `${page.name} at capacity, ${processes} process${processes > 1 ? "es" : ""} (${CONNECTIONS} connections)`,
          samples: result.latencies,
          targets: {},
        });
        checks.push(
          atMost(`${page.name} at capacity, ${processes} process(es): failed requests = 0`, result.failed, 0),
        );
      }
    } finally {
      await portal.stop();
    }
  }
  const ratios = Object.fromEntries(
    Object.entries(capacity).map(([name, byProcesses]) => [name, round(byProcesses["2"]! / byProcesses["1"]!)]),
  );
  for (const [name, ratio] of Object.entries(ratios)) log(`${name}: 2 processes answer ${ratio}× the requests of 1`);
  return {
    figures,
    checks,
    params: { connections: CONNECTIONS, seconds, requestsPerSecond: capacity, scaleOutRatio: ratios },
  };
}
