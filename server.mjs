// @ts-check
// The portal's HTTP server: Next.js's request handler, plus the WebSocket upgrades that
// Next.js's App Router cannot serve (the web terminal). Plain JavaScript, checked by tsc
// through JSDoc (tsconfig.server.json), so it runs as it is with node, from the project or
// from Next's standalone output, with no TypeScript loader (docs/decisions/008-web-terminal.md).
//
//   node server.mjs [--port 3000] [--hostname 0.0.0.0] [--dev]
//
// The upgrade handlers themselves are TypeScript compiled by Next (lib/terminal/),
// registered by instrumentation.ts under a global symbol when Next starts.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";

/** @typedef {(request: import("node:http").IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => void} UpgradeHandler */

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
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

// Next's standalone output has no next.config.js: its build wrote the resolved
// configuration beside the server, and Next reads it from here (as its own server.js does).
const root = dirname(fileURLToPath(import.meta.url));
if (!dev && !existsSync(join(root, "next.config.js"))) {
  const manifest = join(root, process.env.NEXT_DIST_DIR || ".next", "required-server-files.json");
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(manifest, "utf8")).config);
}

const server = createServer();
const app = next({ dev, dir: root, hostname: hostname ?? "localhost", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
server.on("request", (request, response) => void handle(request, response));

server.on("upgrade", (request, socket, head) => {
  const path = (request.url ?? "").split("?")[0] ?? "";
  /** @type {Record<string, UpgradeHandler> | undefined} */
  const handlers = /** @type {any} */ (globalThis)[Symbol.for("canopy.upgradeHandlers")];
  const handler = handlers?.[path];
  // Any other path is Next's own (its development server's hot reload): Next listens on
  // this server too, and leaves alone the paths it has no route for.
  if (handler) handler(request, socket, head);
  else if (path.startsWith("/api/")) socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
});

server.listen(port, hostname, () => {
  console.log(`> Canopy portal on http://${hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`);
});

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
