import { PassThrough, Writable } from "node:stream";
import * as k8s from "@kubernetes/client-node";
// Not re-exported by the package's index (1.4), but public: Exec takes one as its transport.
import { WebSocketHandler } from "@kubernetes/client-node/dist/web-socket-handler.js";
import WebSocket from "ws";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { impersonatingKubeConfig } from "@/lib/kube/client";
import type { ExecTarget } from "@/lib/runtimes/exec-target";
import { watchPodGone } from "@/lib/runtimes/watch-pod-gone";
import { memberUsername } from "@/lib/tenancy/kube-names";

// An interactive shell in a runtime's container, as the member: the Kubernetes exec
// subresource with a TTY, opened through the member's impersonated client, so the API
// server's RBAC (pods/exec) decides a second time whether they may. Transport-free: the
// portal's WebSocket (lib/terminal/) feeds keystrokes and sizes in and takes output out.

/** Prefers bash when the image has it; every image with a shell has sh. */
export const SHELL_COMMAND = [
  "sh",
  "-c",
  "TERM=xterm-256color; export TERM; if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh",
];

export type ExecEnd =
  | { kind: "exited"; exitCode: number }
  | { kind: "pod-gone" }
  | { kind: "closed" }
  | { kind: "failed"; error: AppError };

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ExecSession {
  write(data: Buffer): void;
  resize(size: TerminalSize): void;
  /** Stops and restarts reading the container's output (flow control for a slow browser). */
  pauseOutput(): void;
  resumeOutput(): void;
  /** Ends the session from the portal's side (the browser left). */
  close(): void;
  /** Settles once, with why the session ended. */
  ended: Promise<ExecEnd>;
}

/** The container's terminal output, with the size client-node's resize channel reads. */
class TerminalOutput extends Writable {
  columns: number;
  rows: number;

  constructor(
    size: TerminalSize,
    private readonly onChunk: (chunk: Buffer) => void,
  ) {
    super();
    this.columns = size.cols;
    this.rows = size.rows;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.onChunk(chunk);
    callback();
  }

  setSize(size: TerminalSize): void {
    if (size.cols === this.columns && size.rows === this.rows) return;
    this.columns = size.cols;
    this.rows = size.rows;
    this.emit("resize");
  }
}

function exitOf(status: k8s.V1Status): ExecEnd {
  if (status.status === "Success") return { kind: "exited", exitCode: 0 };
  const code = Number(status.details?.causes?.find((c) => c.reason === "ExitCode")?.message);
  if (status.reason === "NonZeroExitCode" && Number.isInteger(code)) return { kind: "exited", exitCode: code };
  return {
    kind: "failed",
    error: new AppError("UNAVAILABLE", "The shell could not start in this container (it needs sh).", {
      internal: `exec failed: ${status.reason}: ${status.message}`,
    }),
  };
}

function refusal(status: number | undefined, cause: unknown): AppError {
  if (status === 403) {
    return AppError.forbidden("The cluster refused to open a shell for your role in this workspace.");
  }
  if (status === 404) return AppError.notFound("That pod");
  return new AppError("UNAVAILABLE", "Could not reach the container. Please try again.", { cause });
}

/**
 * Opens a shell in `target` as the member and wires it to `onOutput`. Rejects with an
 * AppError when the API server refuses (403: RBAC) or cannot reach the container.
 */
export async function openExec(
  context: WorkspaceContext,
  target: ExecTarget,
  size: TerminalSize,
  onOutput: (chunk: Buffer) => void,
): Promise<ExecSession> {
  const kubeConfig = impersonatingKubeConfig(memberUsername(context.membership.id));
  const stdin = new PassThrough();
  const output = new TerminalOutput(size, onOutput);
  let settle!: (end: ExecEnd) => void;
  const ended = new Promise<ExecEnd>((resolve) => (settle = resolve));
  let result: ExecEnd | undefined;
  const finish = (end: ExecEnd) => {
    if (result) return;
    result = end;
    settle(end);
  };

  // client-node's handler, with a socket that remembers why the API server refused the
  // upgrade (its status code), so a refusal is classified by status, never by message.
  let refusedWith: number | undefined;
  const handler = new WebSocketHandler(kubeConfig, (uri: string, protocols: string[], options: object) => {
    const socket = new WebSocket(uri, protocols, options);
    socket.on("unexpected-response", (_request, response) => {
      refusedWith = response.statusCode;
      response.resume();
      socket.terminate();
    });
    return socket as never;
  });

  let connection: WebSocket;
  try {
    connection = (await new k8s.Exec(kubeConfig, handler).exec(
      context.namespace,
      target.pod,
      target.container,
      SHELL_COMMAND,
      output,
      null,
      stdin,
      true,
      (status) => finish(exitOf(status)),
    )) as unknown as WebSocket;
  } catch (error) {
    throw refusal(refusedWith, error);
  }

  const stopWatching = watchPodGone(context, target.pod, () => {
    finish({ kind: "pod-gone" });
    connection.close();
  });
  connection.on("close", () => {
    stopWatching();
    // Without a status frame the stream was cut: the pod (or its node) went away, or we closed it.
    finish({ kind: "closed" });
  });
  connection.on("error", () => undefined);

  return {
    write: (data) => {
      if (!result) stdin.write(data);
    },
    resize: (next) => output.setSize(next),
    pauseOutput: () => connection.pause(),
    resumeOutput: () => connection.resume(),
    close: () => {
      finish({ kind: "closed" });
      stdin.end();
      connection.close();
    },
    ended,
  };
}
