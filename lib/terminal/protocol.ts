import { z } from "zod";
import { runtimeName } from "@/lib/runtimes/runtime-input";

// The web terminal's wire protocol: the schemas the portal's WebSocket (lib/terminal/
// upgrade.ts, session.ts) checks what the browser sends with. What the browser needs too
// (the path, close codes, the ready message, the address) is wire.ts, free of zod:
//
//   browser → portal: binary frames are keystrokes (the container's stdin); text frames
//                     are JSON control messages (a resize).
//   portal → browser: binary frames are what the container's terminal prints; one text
//                     frame `{"type":"ready",...}` once the shell runs; the close frame's
//                     code and reason say why the session ended, in words safe to show.

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
