import { z } from "zod";
import { runtimeName } from "@/lib/runtimes/runtime-input";

// The web terminal's wire protocol, shared by the browser (components/runtimes/
// runtime-terminal.tsx) and the portal's WebSocket (lib/terminal/upgrade.ts):
//
//   browser → portal: binary frames are keystrokes (the container's stdin); text frames
//                     are JSON control messages (a resize).
//   portal → browser: binary frames are what the container's terminal prints; one text
//                     frame `{"type":"ready",...}` once the shell runs; the close frame's
//                     code and reason say why the session ended, in words safe to show.

/** The one path the portal's own server upgrades (server.mjs hands it to lib/terminal/upgrade.ts). */
export const TERMINAL_PATH = "/api/terminal";

/** What the browser asks for, in the query string. The namespace is never among it. */
export const terminalQuery = z.object({
  workspace: z
    .string()
    .max(63)
    .regex(/^[a-z0-9-]+$/, "Use the workspace's URL name."),
  // The environment the runtime is in (its page's `?env=`); the default one when absent.
  env: z
    .string()
    .max(63)
    .regex(/^[a-z0-9-]+$/, "Use the environment's name.")
    .optional(),
  runtime: runtimeName,
  // Optional: the portal picks a running pod of the runtime. When given, it must be one
  // of that runtime's own pods in that workspace, or the session does not open.
  pod: z
    .string()
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Use a pod name.")
    .optional(),
  container: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Use a container name.")
    .optional(),
});
export type TerminalQuery = z.infer<typeof terminalQuery>;

/** Terminal sizes beyond these are not a screen; they are refused as malformed. */
const size = z.number().int().min(1).max(1000);

export const controlMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("resize"), cols: size, rows: size }),
]);
export type ControlMessage = z.infer<typeof controlMessage>;

export const readyMessage = z.object({ type: z.literal("ready"), pod: z.string(), container: z.string() });
export type ReadyMessage = z.infer<typeof readyMessage>;

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
