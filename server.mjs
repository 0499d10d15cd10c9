// @ts-check
// The portal's HTTP server: Next.js's request handler, plus the WebSocket upgrades that
// Next.js's App Router cannot serve (the web terminal). Plain JavaScript, checked by tsc
// through JSDoc (tsconfig.server.json), so it runs as it is with node, from the project or
// from Next's standalone output, with no TypeScript loader (docs/decisions/008-web-terminal.md).
//
//   node server.mjs [--port 3000] [--hostname 0.0.0.0] [--dev]
//
// The upgrade handlers and the operability hooks (logger, request ids, metrics, readiness)
// are TypeScript compiled by Next (lib/terminal/, lib/observability/), registered by
// instrumentation.ts under global symbols when Next starts (docs/architecture.md, "Operability: the portal process").
// Every request gets an id (x-request-id), an access-log line and a place in the request
// histogram; /metrics is served on a port of its own (CANOPY_METRICS_PORT, default 9464;
// 0 picks a free one); SIGTERM/SIGINT drain the server (CANOPY_SHUTDOWN_GRACE_SECONDS, default 25).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";

/** @typedef {(request: import("node:http").IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => void} UpgradeHandler */
/**
 * What lib/observability/server-hooks.ts registers (PortalServerHooks there).
 * @typedef {{
 *   logger: { info: (o: object, msg: string) => void, warn: (o: object, msg: string) => void, error: (o: object, msg: string) => void },
 *   routePatterns: (distDir: string) => (pathname: string) => string,
 *   observeRequest: (r: { method: string, route: string, status: number, seconds: number }) => void,
 *   serveMetrics: (port: number, hostname?: string) => Promise<import("node:http").Server>,
 *   beginShutdown: () => void,
 *   closeTerminals: (reason: string) => number,
 * }} PortalServerHooks
 */

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    dev: { type: "boolean", default: false },
  },
});
const dev = values.dev ?? false;
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
const metricsPort = Number(process.env.CANOPY_METRICS_PORT ?? 9464);
const graceMs = Number(process.env.CANOPY_SHUTDOWN_GRACE_SECONDS ?? 25) * 1000;
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

// Next's standalone output has no next.config.js: its build wrote the resolved
// configuration beside the server, and Next reads it from here (as its own server.js does).
const root = dirname(fileURLToPath(import.meta.url));
const distDir = join(root, process.env.NEXT_DIST_DIR || ".next");
if (!dev && !existsSync(join(root, "next.config.js"))) {
  const manifest = join(distDir, "required-server-files.json");
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(manifest, "utf8")).config);
}

const server = createServer();
const app = next({ dev, dir: root, hostname: hostname ?? "localhost", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

// The request being served, read by the logger's mixin in lib/ (lib/observability/request-context.ts
// makes or finds the same instance under this key).
const slots = /** @type {Record<symbol, any>} */ (/** @type {unknown} */ (globalThis));
/** @type {AsyncLocalStorage<{ requestId: string }>} */
const requestContext = (slots[Symbol.for("canopy.requestContext")] ??= new AsyncLocalStorage());
/** Registered by instrumentation.ts once Next has started (a production server starts on its first request). */
const hooks = () => /** @type {PortalServerHooks | undefined} */ (slots[Symbol.for("canopy.portalServerHooks")]);
/** @type {((pathname: string) => string) | undefined} */
let routeOf;
let shuttingDown = false;

/** An incoming x-request-id is kept when it is a plain token (a proxy's id); otherwise a new one. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

server.on("request", (request, response) => {
  const started = process.hrtime.bigint();
  const incoming = request.headers["x-request-id"];
  const requestId = typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader("x-request-id", requestId);
  if (shuttingDown) response.setHeader("Connection", "close");
  response.once("close", () => {
    const portal = hooks();
    if (portal) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      routeOf ??= portal.routePatterns(distDir);
      const route = routeOf((request.url ?? "/").split("?")[0] ?? "/");
      const method = request.method ?? "GET";
      const status = response.statusCode;
      portal.observeRequest({ method, route, status, seconds });
      const line = {
        method,
        route,
        status,
        durationMs: Math.round(seconds * 1000),
        completed: response.writableFinished,
      };
      requestContext.run({ requestId }, () => portal.logger.info(line, "request"));
    }
    if (shuttingDown) server.closeIdleConnections();
  });
  requestContext.run({ requestId }, () => void handle(request, response));
});

server.on("upgrade", (request, socket, head) => {
  const path = (request.url ?? "").split("?")[0] ?? "";
  /** @type {Record<string, UpgradeHandler> | undefined} */
  const handlers = slots[Symbol.for("canopy.upgradeHandlers")];
  const handler = handlers?.[path];
  if (handler && shuttingDown) socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
  // Any other path is Next's own (its development server's hot reload): Next listens on
  // this server too, and leaves alone the paths it has no route for.
  else if (handler) handler(request, socket, head);
  else if (path.startsWith("/api/")) socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
});

await new Promise((resolve) => server.listen(port, hostname, () => resolve(undefined)));
// A production Next.js server starts (and runs instrumentation.ts) on its first request:
// send it one, so that the hooks are there before anything else is served.
const self = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
await fetch(`http://${self.includes(":") ? `[${self}]` : self}:${port}/api/livez`, {
  headers: { "x-request-id": "startup-warm-up" },
});
const portal =
  hooks() ??
  (() => {
    throw new Error("instrumentation.ts did not register the portal's server hooks");
  })();
const log = portal.logger;
const metricsServer = await portal.serveMetrics(metricsPort).catch((/** @type {Error} */ error) => {
  log.error({ err: error }, `metrics could not listen on CANOPY_METRICS_PORT=${metricsPort}`);
  process.exit(1);
});
const metricsAddress = metricsServer.address();
log.info(
  {
    url: `http://${hostname ?? "localhost"}:${port}`,
    metricsPort: typeof metricsAddress === "object" ? metricsAddress?.port : null,
    dev,
  },
  `Canopy portal on http://${hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`,
);

/**
 * Readiness turns false at once, the listener closes (no new connections), requests in
 * flight finish within the grace period, terminals are told why they close, then exit 0.
 * @param {string} signal
 */
function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  portal.beginShutdown();
  log.info({ signal, graceSeconds: graceMs / 1000 }, "shutting down: draining requests");
  const terminals = portal.closeTerminals("The portal is shutting down. Reconnect in a moment.");
  if (terminals) log.info({ terminals }, "closed terminal sessions");
  let exited = false;
  const exit = (/** @type {string} */ how) => {
    if (exited) return;
    exited = true;
    log.info({ how }, "shut down");
    metricsServer.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  server.close(() => exit("drained"));
  server.closeIdleConnections();
  setTimeout(() => {
    log.warn({ graceSeconds: graceMs / 1000 }, "grace period over: closing the connections still open");
    server.closeAllConnections();
    exit("grace period over");
  }, graceMs).unref();
}
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => shutdown(signal));
