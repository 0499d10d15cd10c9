import { randomUUID } from "node:crypto";
import type WebSocket from "ws";
import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { toAppError } from "@/lib/errors/app-error";
import { resolveExecTarget, type ExecTarget } from "@/lib/runtimes/exec-target";
import { openExec, type ExecEnd, type TerminalSize } from "@/lib/runtimes/runtime-exec";
import { componentLogger } from "@/lib/observability/logger";
import { REAUTHORIZE_MS, type AccessCheck } from "@/lib/terminal/access-check";
import { controlMessage, type TerminalQuery } from "@/lib/terminal/protocol";
import { CLOSE_CODES, type ReadyMessage } from "@/lib/terminal/wire";

// One terminal session on an accepted WebSocket: find the container (only the runtime's
// own pods, in the member's workspace), open the shell as the member, pass bytes both
// ways, and close with a reason the browser can show. Each session leaves two audit
// events with one session id: terminal.open when the shell runs, terminal.close (with
// both times) when it ends, so a session is on record even if the portal dies mid-way.

const log = componentLogger("terminal");
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };
// Flow control: a command that prints without end (yes, cat of a large file) stops being
// read from the cluster while this much waits for a slow browser, and resumes below LOW.
const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;

/** A close frame's reason is at most 123 bytes (RFC 6455 §5.5). */
function reason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123
    ? text
    : `${bytes
        .subarray(0, 120)
        .toString("utf8")
        .replace(/\uFFFD*$/, "")}...`;
}

function describeEnd(end: ExecEnd, target: ExecTarget): { code: number; message: string } {
  switch (end.kind) {
    case "exited":
      return {
        code: CLOSE_CODES.ENDED,
        message: end.exitCode === 0 ? "The shell exited." : `The shell exited with code ${end.exitCode}.`,
      };
    case "pod-gone":
      return { code: CLOSE_CODES.POD_GONE, message: `Pod ${target.pod} went away.` };
    case "closed":
      return { code: CLOSE_CODES.ENDED, message: "The session ended." };
    case "failed":
      return { code: CLOSE_CODES.FAILED, message: end.error.userMessage };
  }
}

function closeCodeFor(code: string): number {
  if (code === "NOT_FOUND") return CLOSE_CODES.NOT_FOUND;
  if (code === "FORBIDDEN") return CLOSE_CODES.FORBIDDEN;
  return CLOSE_CODES.FAILED;
}

export async function runTerminalSession(
  context: WorkspaceContext,
  query: TerminalQuery,
  socket: WebSocket,
  /** Checked every REAUTHORIZE_MS while the shell runs; a reason closes the session with it. */
  access?: AccessCheck,
): Promise<void> {
  const session = randomUUID();
  let size = DEFAULT_SIZE;
  let pending: Buffer[] = [];
  let exec: Awaited<ReturnType<typeof openExec>> | undefined;
  let browserLeft = false;

  // Keystrokes and sizes may arrive while the shell is still opening: keep them for it.
  socket.on("message", (data, isBinary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) {
      if (exec) exec.write(bytes);
      else pending.push(bytes);
      return;
    }
    let parsed: ReturnType<typeof controlMessage.safeParse>;
    try {
      parsed = controlMessage.safeParse(JSON.parse(bytes.toString("utf8")));
    } catch {
      parsed = controlMessage.safeParse(null);
    }
    if (!parsed.success) return socket.close(CLOSE_CODES.PROTOCOL, "Unknown control message.");
    size = { cols: parsed.data.cols, rows: parsed.data.rows };
    exec?.resize(size);
  });
  socket.on("close", () => {
    browserLeft = true;
    exec?.close();
  });

  let target: ExecTarget;
  try {
    target = await resolveExecTarget(context, query);
    exec = await openExec(context, target, size, (chunk) => {
      socket.send(chunk, { binary: true }, () => {
        if (socket.bufferedAmount < LOW_WATER_BYTES) exec?.resumeOutput();
      });
      if (socket.bufferedAmount > HIGH_WATER_BYTES) exec?.pauseOutput();
    });
    // A size that arrived while the shell was opening (the browser sends its fitted size on
    // connect) came after openExec took `size`: give the shell the latest one.
    exec.resize(size);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL" || appError.code === "UNAVAILABLE") {
      log.error({ err: appError }, "terminal session could not open");
    }
    await recordAudit({
      workspaceId: context.workspace.id,
      environment: context.environment,
      actor: context.actor,
      action: "terminal.open",
      outcome: appError.code === "FORBIDDEN" ? "DENIED" : "FAILED",
      targetType: "runtime",
      targetId: query.runtime,
      details: { session, pod: query.pod ?? null, container: query.container ?? null, error: appError.userMessage },
    });
    socket.close(closeCodeFor(appError.code), reason(appError.userMessage));
    return;
  }

  const openedAt = new Date();
  const where = { session, pod: target.pod, container: target.container };
  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action: "terminal.open",
    outcome: "SUCCESS",
    targetType: "runtime",
    targetId: target.runtime,
    details: { ...where, openedAt: openedAt.toISOString() },
  });
  if (browserLeft) exec.close();
  for (const bytes of pending) exec.write(bytes);
  pending = [];
  const ready: ReadyMessage = { type: "ready", pod: target.pod, container: target.container };
  if (!browserLeft) socket.send(JSON.stringify(ready));

  let revoked: string | null = null;
  let checking = false;
  const recheck = setInterval(() => {
    if (!access || checking || revoked) return;
    checking = true;
    void access()
      .then((why) => {
        if (why && !revoked) {
          revoked = why;
          exec?.close();
        }
      })
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, REAUTHORIZE_MS);
  const end = await exec.ended;
  clearInterval(recheck);
  const closedAt = new Date();
  const { code, message } = revoked
    ? { code: CLOSE_CODES.ACCESS_ENDED, message: revoked as string }
    : describeEnd(end, target);
  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action: "terminal.close",
    outcome: end.kind === "failed" ? "FAILED" : "SUCCESS",
    targetType: "runtime",
    targetId: target.runtime,
    details: {
      ...where,
      openedAt: openedAt.toISOString(),
      closedAt: closedAt.toISOString(),
      seconds: Math.round((closedAt.getTime() - openedAt.getTime()) / 1000),
      ended: browserLeft ? "browser closed" : message,
    },
  });
  if (!browserLeft) socket.close(code, reason(message));
}
