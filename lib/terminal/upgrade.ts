import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { clientAddress } from "@/lib/auth/client-address";
import { sessionUserId } from "@/lib/auth/session-cookie";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { env } from "@/lib/config/env";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { terminalSessionsOpen } from "@/lib/observability/http-metrics";
import { componentLogger } from "@/lib/observability/logger";
import { terminalAccessCheck } from "@/lib/terminal/access-check";
import { runTerminalSession } from "@/lib/terminal/session";
import { terminalQuery } from "@/lib/terminal/protocol";
import { CLOSE_CODES, TERMINAL_PATH } from "@/lib/terminal/wire";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-param";

// The terminal's WebSocket endpoint: the portal's own server (server.mjs) hands it every
// upgrade request for TERMINAL_PATH. Before anything is upgraded, the request must come
// from a page of the portal (Origin, against cross-site WebSocket hijacking), carry a live
// next-auth session, and pass the one guard for runtime.exec in the named workspace
// (membership, role, permission). A refusal is a plain HTTP answer; no socket opens.

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

const MAX_MESSAGE_BYTES = 64 * 1024;
const HEARTBEAT_MS = 30_000;
const log = componentLogger("terminal");
/** The WebSocket servers of this process, closed on shutdown (closeTerminalSessions). */
const servers = new Set<WebSocketServer>();

/** Closes every open terminal with `reason` (code 1001, going away); returns how many were open. */
export function closeTerminalSessions(reason: string): number {
  let count = 0;
  for (const server of servers) {
    for (const client of server.clients) {
      client.close(CLOSE_CODES.GOING_AWAY, reason);
      count++;
    }
  }
  return count;
}

function refuse(socket: Duplex, error: AppError): void {
  const body = JSON.stringify({ error: error.userMessage });
  const reason = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    422: "Unprocessable Entity",
  };
  const text = reason[error.status as keyof typeof reason] ?? "Internal Server Error";
  socket.end(
    `HTTP/1.1 ${error.status} ${text}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Origin, session, guard, input; the workspace context for the session, or an AppError. */
async function admit(request: IncomingMessage) {
  const portal = new URL(env().NEXTAUTH_URL).origin;
  if (request.headers.origin !== portal) {
    throw AppError.forbidden("A terminal opens only from the portal's own pages.");
  }
  const url = new URL(request.url ?? "/", portal);
  if (url.pathname !== TERMINAL_PATH) throw AppError.notFound("That address");
  const parsed = terminalQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    throw AppError.invalid(String(parsed.error.issues[0]?.path[0] ?? "query"), "Not a terminal address.");
  const userId = await sessionUserId(request.headers.cookie);
  if (!userId) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  // Without a proxy in front, the socket's own address is the client's.
  if (!headers.has("x-forwarded-for") && request.socket.remoteAddress) {
    headers.set("x-forwarded-for", request.socket.remoteAddress);
  }
  const actor = { userId, clientAddress: clientAddress(headers) };
  const environment = parsed.data.env ?? DEFAULT_ENVIRONMENT;
  const context = await authorizeWorkspace(actor, parsed.data.workspace, "runtime.exec", environment);
  return {
    context,
    query: parsed.data,
    access: terminalAccessCheck(request.headers.cookie, actor, parsed.data.workspace, environment),
  };
}

/** One WebSocket server (no port of its own) for every terminal of this process. */
export function terminalUpgradeHandler(): UpgradeHandler {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const alive = new WeakSet<object>();
  const heartbeat = setInterval(() => {
    for (const client of server.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  servers.add(server);

  return (request, socket, head) => {
    socket.on("error", () => undefined);
    admit(request).then(
      ({ context, query, access }) =>
        server.handleUpgrade(request, socket, head, (client) => {
          alive.add(client);
          terminalSessionsOpen.inc();
          client.on("close", () => terminalSessionsOpen.dec());
          client.on("pong", () => alive.add(client));
          runTerminalSession(context, query, client, access).catch((error: unknown) => {
            log.error({ err: error }, "terminal session failed");
            client.terminate();
          });
        }),
      (error: unknown) => {
        const appError = toAppError(error);
        if (appError.code === "INTERNAL" || appError.code === "UNAVAILABLE") {
          log.error({ err: appError }, "terminal refused: server error");
        }
        refuse(socket, appError);
      },
    );
  };
}
