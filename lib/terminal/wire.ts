import type { TerminalQuery } from "@/lib/terminal/protocol";

// The parts of the web terminal's protocol (protocol.ts) that the browser uses as well as
// the portal, without zod: the terminal page would otherwise load zod's ~30 kB of
// JavaScript to read one message.

/** The one path the portal's own server upgrades (server.mjs hands it to lib/terminal/upgrade.ts). */
export const TERMINAL_PATH = "/api/terminal";

/** The portal's one text frame to the browser, once the shell runs. */
export interface ReadyMessage {
  type: "ready";
  pod: string;
  container: string;
}

/** A text frame as a ReadyMessage, or null when it is not one. */
export function parseReadyMessage(text: string): ReadyMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { type, pod, container } = value as Record<string, unknown>;
  return type === "ready" && typeof pod === "string" && typeof container === "string" ? { type, pod, container } : null;
}

/** Close codes (4000-4999 are the application's own, RFC 6455 §7.4.2). */
export const CLOSE_CODES = {
  /** The shell exited, or the browser closed the session. */
  ENDED: 1000,
  /** The portal is shutting down. */
  GOING_AWAY: 1001,
  /** A control message the protocol does not know. */
  PROTOCOL: 1008,
  /** The runtime, pod or container is not there (or not running). */
  NOT_FOUND: 4404,
  /** The cluster refused the exec (RBAC, the second wall). */
  FORBIDDEN: 4403,
  /** The member's access ended while the session was open (signed out, removed, role changed). */
  ACCESS_ENDED: 4401,
  /** The pod was deleted or is shutting down. */
  POD_GONE: 4410,
  /** Anything else went wrong on the way to the container. */
  FAILED: 4500,
} as const;

/** The terminal's WebSocket address for `query`, on the page's own origin. */
export function terminalUrl(origin: string, query: TerminalQuery): string {
  const url = new URL(TERMINAL_PATH, origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  return url.toString();
}
