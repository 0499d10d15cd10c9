import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A production build of the portal served on a free port, by `next start` or by the portal's
// own server (server.mjs, what `npm start` runs: Next's handler plus the terminal's
// WebSocket), for benchmarks that time real HTTP requests. Builds take minutes on 2 cores, so an existing build is
// reused when no source file is newer than it.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SERVER_SCRIPT = path.join(ROOT, "server.mjs");
const PROCESSES_SCRIPT = path.join(ROOT, "bench/portal-processes.mjs");
const LOG = path.join(ROOT, ".data/logs/bench-next.log");

/** The bench's own build dir; `.next` is what scripts/test.sh builds for the browser tests. */
export const BENCH_DIST_DIR = ".next-bench";
const CANDIDATES = [BENCH_DIST_DIR, ".next"];

// What goes into a build. tsconfig.json is left out: `next build` rewrites it and it is
// restored afterwards, which would make every build look stale.
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** When the build in `distDir` finished (its BUILD_ID is written last), or null if there is none. */
function builtAt(distDir: string): number | null {
  const id = path.join(ROOT, distDir, "BUILD_ID");
  return existsSync(id) ? statSync(id).mtimeMs : null;
}

export interface Build {
  distDir: string;
  /** "reused" or "built", and why. */
  how: string;
}

/**
 * A production build no older than the sources: `.next-bench` or `.next` if one is fresh,
 * else a new build into `.next-bench`; or the one CANOPY_BENCH_BUILD names (a dist dir).
 */
export function ensureBuild(log: (msg: string) => void): Build {
  // Comparing two builds (before and after a change, run alternately): name the one to serve.
  // eslint-disable-next-line no-restricted-properties
  const chosen = process.env.CANOPY_BENCH_BUILD;
  if (chosen) {
    if (builtAt(chosen) === null) throw new Error(`CANOPY_BENCH_BUILD=${chosen}: no build there`);
    return { distDir: chosen, how: `used ${chosen} (CANOPY_BENCH_BUILD), as it is` };
  }
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  for (const distDir of CANDIDATES) {
    const at = builtAt(distDir);
    if (at !== null && at >= sources) return { distDir, how: `reused ${distDir} (newer than every source file)` };
  }
  log(`no production build newer than the sources; building into ${BENCH_DIST_DIR} (a few minutes)`);
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  mkdirSync(path.dirname(LOG), { recursive: true });
  const out = openSync(LOG, "w");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    // eslint-disable-next-line no-restricted-properties
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST_DIR },
    stdio: ["ignore", out, out],
  });
  // `next build` adds its dist dir's types to tsconfig.json; keep the committed file.
  if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
  if (result.status !== 0) throw new Error(`next build failed (see ${path.relative(ROOT, LOG)}):\n${tail(LOG)}`);
  return { distDir: BENCH_DIST_DIR, how: `built ${BENCH_DIST_DIR} (no build was newer than the sources)` };
}

function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Portal {
  url: string;
  /** CPU time the server process has used so far (user + system, ms; Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

// /proc/<pid>/stat counts in clock ticks, 100 a second on Linux.
const TICK_MS = 10;

/** CPU time of a process and, recursively, of its live children (the forked portal processes). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const own = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean);
  return own + children.reduce((sum, child) => sum + processCpuMs(Number(child)), 0);
}

/** Which server serves the build: Next's own, or the portal's (server.mjs, with the terminal's WebSocket). */
export type PortalServer = "next start" | "server.mjs";

/**
 * The portal on a free port with the bench's database and instance (the environment
 * bench/run.ts set up), ready once /api/health answers 200.
 */
export async function startPortal(
  distDir: string,
  log: (msg: string) => void,
  /** Extra Node options for the server, e.g. ["--cpu-prof"] to profile it. */
  nodeArgs: string[] = [],
  server: PortalServer = "next start",
  /** How many server.mjs processes share the one address (bench/portal-processes.mjs). */
  processes = 1,
): Promise<Portal> {
  if (processes > 1 && server !== "server.mjs") throw new Error("several processes run server.mjs only");
  const port = await freePort();
  const url = `http://localhost:${port}`;
  mkdirSync(path.dirname(LOG), { recursive: true });
  const out = openSync(LOG, "a");
  const command =
    processes > 1
      ? [PROCESSES_SCRIPT, "--processes", String(processes), "--", "--port", String(port)]
      : server === "server.mjs"
        ? [SERVER_SCRIPT, "--port", String(port)]
        : [NEXT_BIN, "start", "--port", String(port)];
  const child = spawn(process.execPath, [...nodeArgs, ...command], {
    cwd: ROOT,
    // CANOPY_METRICS_PORT 0: several portals (and a development one) may run at once.
    env: {
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      NEXTAUTH_URL: url,
      CANOPY_METRICS_PORT: "0",
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));
  const stop = async () => {
    if (!alive || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => alive && child.pid && process.kill(-child.pid, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive) throw new Error(`${server} exited (see ${path.relative(ROOT, LOG)}):\n${tail(LOG)}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${server} did not answer /api/health within 60 s:\n${tail(LOG)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`${processes > 1 ? `${processes} × ` : ""}${server} (${distDir}) serving ${url}, pid ${child.pid}`);
  const pid = child.pid!;
  return { url, stop, cpuMs: () => processCpuMs(pid) };
}
