import autocannon from "autocannon";

// A constant request rate against one URL, with every request's latency kept.
//
// autocannon's overallRate splits the rate over its connections, and each connection sends
// its share back to back at the start of every second: at 50 a second over 10 connections
// that is a burst of 10 concurrent requests each second, not 50 a second. So: `rate`
// single-connection instances, each sending one request a second, started 1000/rate ms
// apart, which spaces the requests evenly (one every 20 ms at 50 a second).

export interface LoadResult {
  /** Response time of every completed request (ms): request written to response fully read. */
  latencies: number[];
  /** Responses by status code. */
  statuses: Record<number, number>;
  /** Non-2xx responses, connection errors and timeouts. */
  failed: number;
  /** Requests sent a second, from the first send to the last (the target if none fell behind). */
  achievedRate: number;
}

function oneConnection(
  url: string,
  headers: Record<string, string>,
  requests: number,
  onResponse: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, headers, connections: 1, overallRate: 1, amount: requests, timeout: 10 },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    instance.on("response", (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/** `rate` requests a second, evenly spaced, for `seconds` seconds. */
export async function constantRate(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const sentAt: number[] = [];
  const statuses: Record<number, number> = {};
  const results = await Promise.all(
    Array.from(
      { length: rate },
      (_, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          setTimeout(
            () => {
              oneConnection(url, headers, seconds, (status, ms) => {
                statuses[status] = (statuses[status] ?? 0) + 1;
                latencies.push(ms);
                sentAt.push(performance.now() - ms);
              }).then(resolve, reject);
            },
            (i * 1000) / rate,
          );
        }),
    ),
  );
  const non2xx = Object.entries(statuses)
    .filter(([status]) => Number(status) < 200 || Number(status) >= 300)
    .reduce((sum, [, count]) => sum + count, 0);
  const broken = results.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
  // Evenly spaced sends span (count - 1) intervals of 1/rate s.
  const span = (Math.max(...sentAt) - Math.min(...sentAt)) / 1000 + 1 / rate;
  return { latencies, statuses, failed: non2xx + broken, achievedRate: sentAt.length / span };
}

export interface Throughput {
  /** Completed 2xx responses a second over the measured span. */
  requestsPerSecond: number;
  latencies: number[];
  failed: number;
}

/**
 * As many requests as the server answers: `connections` keep-alive connections, each
 * sending its next request as soon as the previous one is answered, for `seconds` seconds.
 * (Closed loop, unlike constantRate: this finds the server's capacity, not its latency.)
 */
export function saturate(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<Throughput> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration: seconds, timeout: 10 }, (error, result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      resolve({
        requestsPerSecond: result["2xx"] / seconds,
        latencies,
        failed: result.non2xx + result.errors + result.timeouts,
      });
    });
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}
