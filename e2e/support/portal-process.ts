import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

// A portal process of the test's own (node server.mjs on a free port, from the same build
// as the browser tests), for tests that read its logs and metrics or send it signals.

export interface PortalProcess {
  url: string;
  metricsUrl: string;
  child: ChildProcess;
  /** Every JSON log line written so far. */
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startPortal(env: Record<string, string> = {}): Promise<PortalProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const url = `http://localhost:${port}`;
  const child = spawn("node", ["server.mjs", "--port", String(port)], {
    env: { ...process.env, NEXTAUTH_URL: url, CANOPY_METRICS_PORT: String(metricsPort), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text));
      } catch {
        lines.push({ text });
      }
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitForLine: PortalProcess["waitForLine"] = (match, timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching log line in ${timeoutMs} ms; saw ${lines.length} line(s)`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  await waitForLine((line) => typeof line.msg === "string" && line.msg.startsWith("Canopy portal on"));
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, child, lines, exited, waitForLine };
}

/** The value of the series `name` with (at least) `labels` in Prometheus's text format, or undefined. */
export function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}
