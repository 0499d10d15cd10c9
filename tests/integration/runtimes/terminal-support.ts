import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { env } from "@/lib/config/env";
import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { deploymentFor } from "@/lib/runtimes/runtime-manifests";
import { runtimeSpecInput } from "@/lib/runtimes/runtime-input";
import type { TerminalQuery } from "@/lib/terminal/protocol";
import { parseReadyMessage, terminalUrl, type ReadyMessage } from "@/lib/terminal/wire";
import { terminalUpgradeHandler } from "@/lib/terminal/upgrade";
import { stackImage } from "../../support/real-node";

// The terminal suite's own helpers: the portal's WebSocket endpoint on a port of its own
// (the same handler server.mjs serves), a real WebSocket client as a browser would open
// it, and a runtime of the stack's shell image on the real node.

export async function startTerminalServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => response.writeHead(404).end());
  // Upgraded sockets are no longer the HTTP server's, so close() would wait for every
  // terminal a failed test left open; they are tracked and destroyed on close.
  const upgraded = new Set<Duplex>();
  const upgrade = terminalUpgradeHandler();
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
    return upgrade(request, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The portal's own origin, which the browser sends from its pages. */
export function portalOrigin(): string {
  return new URL(env().NEXTAUTH_URL).origin;
}

export interface Terminal {
  socket: WebSocket;
  /** Everything the container's terminal printed so far. */
  output: () => string;
  /** Waits until the output matches `pattern`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>;
  type: (text: string) => void;
  resize: (cols: number, rows: number) => void;
  ready: Promise<ReadyMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

export type Connection = { refused: number; body: string } | { terminal: Terminal };

/** Opens the terminal's WebSocket with the given Origin and Cookie headers. */
export function connect(
  server: { origin: string },
  query: TerminalQuery,
  headers: { origin?: string; cookie?: string },
): Promise<Connection> {
  const url = terminalUrl(server.origin, query);
  const socket = new WebSocket(url, { headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v)) });
  let text = "";
  const listeners = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const ready = new Promise<ReadyMessage>((resolve, reject) => {
    socket.on("message", (data, isBinary) => {
      if (!isBinary) {
        const ready = parseReadyMessage(data.toString());
        return ready ? resolve(ready) : reject(new Error(`not a ready message: ${data.toString()}`));
      }
      text += data.toString();
      for (const listener of listeners) listener();
    });
    void closed.then(({ code, reason }) => reject(new Error(`closed before ready: ${code} ${reason}`)));
  });
  ready.catch(() => undefined);
  const terminal: Terminal = {
    socket,
    output: () => text,
    waitFor: (pattern, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (!match) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match[0]);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in terminal output: ${JSON.stringify(text.slice(-500))}`));
        }, ms);
        listeners.add(check);
        check();
      }),
    type: (keys) => socket.send(Buffer.from(keys), { binary: true }),
    resize: (cols, rows) => socket.send(JSON.stringify({ type: "resize", cols, rows })),
    ready,
    closed,
  };
  return new Promise((resolve, reject) => {
    socket.on("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ refused: response.statusCode ?? 0, body }));
    });
    socket.on("open", () => resolve({ terminal }));
    socket.on("error", reject);
  });
}

/** Connects, expecting the session to open; fails with the refusal otherwise. */
export async function openTerminal(...args: Parameters<typeof connect>): Promise<Terminal> {
  const connection = await connect(...args);
  if ("refused" in connection) throw new Error(`refused: ${connection.refused} ${connection.body}`);
  return connection.terminal;
}

/** Runs `echo` with shell arithmetic (so only a real shell prints it) and reads the answer. */
export async function echoThroughShell(terminal: Terminal, tag: string): Promise<void> {
  await terminal.ready;
  terminal.type(`echo ${tag}-$((6*7))\r`);
  await terminal.waitFor(new RegExp(`${tag}-42`));
}

/**
 * A runtime of the stack's shell image on the real node, that stops at once on SIGTERM:
 * the runtime's own Deployment, applied directly (what the terminal needs is a runtime's
 * pods; creating runtimes has its own suite). Images are pulled on every start, as the
 * cluster's image-pull admission policy asks of every workspace pod.
 */
export async function shellRuntime(namespace: string, name: string): Promise<void> {
  const spec = runtimeSpecInput.parse({
    image: stackImage("shell:1"),
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"],
    cpu: "50m",
    memory: "64Mi",
    replicas: 1,
    runtimeClass: "gvisor",
  });
  const deployment = deploymentFor(name, namespace, spec);
  deployment.spec!.template.spec!.containers[0]!.imagePullPolicy = "Always";
  await adminApi(k8s.AppsV1Api).createNamespacedDeployment({ namespace, body: deployment });
}
