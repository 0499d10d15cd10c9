import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { resolveExecTarget } from "@/lib/runtimes/exec-target";
import { openExec } from "@/lib/runtimes/runtime-exec";
import { parseReadyMessage, terminalUrl } from "@/lib/terminal/wire";
import { ensureBuild, startPortal, type Portal } from "./next-server";
import { sessionCookie, startShellRuntime, type ShellRuntime } from "./shell-runtime";
import { deleteBenchObjects, resetBenchDatabase, type Benchmark } from "./support";

// Keystroke echo over the portal's own terminal WebSocket (/api/terminal, served by
// server.mjs from a production build) on loopback, into a shell of the stack's shell image
// on the real node: one character at a time, timed from the WebSocket frame sent to the
// character coming back in the terminal's output (the container's tty echoes it). The floor
// is the same typing through the product's exec session (lib/runtimes/runtime-exec) opened
// directly as the same member, i.e. API server → kubelet → gVisor without the portal's
// WebSocket hop; sessions alternate between the two, and which goes first.

const SIZES = {
  smoke: { sessions: 2, keystrokes: 40 },
  full: { sessions: 10, keystrokes: 100 },
};
const TARGET_P95_MS = 50;
// A typist's pause between keys, so one echo is never queued behind the previous key's.
const PAUSE_MS = 10;
// Keys per line; then Ctrl-U clears the line (canonical mode's kill character), unmeasured.
const LINE = 40;
const KEYS = "abcdefghijklmnopqrstuvwxyz";

/** One open shell: keys in, what the terminal prints out. */
interface Typist {
  send(keys: string): void;
  /** Adds a listener; returns what removes it. */
  onOutput(listener: (text: string) => void): () => void;
  close(): void;
}

function subscribe<T>(listeners: T[], listener: T): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the terminal has printed nothing for `quietMs`. */
function settled(typist: Typist, quietMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stop();
      resolve();
    };
    let timer = setTimeout(done, quietMs);
    const stop = typist.onOutput(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
  });
}

/** Types `count` keys one at a time; the time from each key sent to its echo. */
async function typeAndTime(typist: Typist, count: number): Promise<number[]> {
  let waiting: { key: string; seen: string; resolve: () => void } | null = null;
  const stop = typist.onOutput((text) => {
    if (!waiting) return;
    waiting.seen += text;
    if (waiting.seen.includes(waiting.key)) waiting.resolve();
  });
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % LINE === 0) {
      typist.send("\x15");
      await settled(typist, 100);
    }
    const key = KEYS[i % KEYS.length]!;
    const echoed = new Promise<void>((resolve, reject) => {
      waiting = { key, seen: "", resolve };
      setTimeout(() => reject(new Error(`no echo of "${key}" within 5 s`)), 5_000).unref();
    });
    const started = performance.now();
    typist.send(key);
    await echoed;
    samples.push(performance.now() - started);
    waiting = null;
    await sleep(PAUSE_MS);
  }
  stop();
  typist.send("\x15");
  return samples;
}

/** The portal's terminal, opened as the browser opens it (session cookie, the portal's Origin). */
async function portalTypist(
  portalUrl: string,
  shell: ShellRuntime,
  cookie: string,
): Promise<{ typist: Typist; readyMs: number }> {
  const started = performance.now();
  const socket = new WebSocket(terminalUrl(portalUrl, { workspace: shell.slug, runtime: shell.runtime }), {
    headers: { origin: new URL(portalUrl).origin, cookie },
  });
  const listeners: ((text: string) => void)[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    socket.on("message", (data, isBinary) => {
      if (!isBinary) {
        return parseReadyMessage(data.toString()) ? resolve() : reject(new Error(`not ready: ${data.toString()}`));
      }
      const text = data.toString();
      for (const listener of listeners) listener(text);
    });
    socket.on("unexpected-response", (_request, response) => reject(new Error(`refused: ${response.statusCode}`)));
    socket.on("close", (code, reason) => reject(new Error(`closed: ${code} ${reason.toString()}`)));
    socket.on("error", reject);
  });
  await ready;
  const readyMs = performance.now() - started;
  return {
    readyMs,
    typist: {
      send: (keys) => socket.send(Buffer.from(keys), { binary: true }),
      onOutput: (listener) => subscribe(listeners, listener),
      close: () => socket.close(),
    },
  };
}

/** The floor: the product's exec session as the same member, without the portal's WebSocket. */
async function directTypist(shell: ShellRuntime): Promise<Typist> {
  const target = await resolveExecTarget(shell.context, { runtime: shell.runtime });
  const listeners: ((text: string) => void)[] = [];
  const exec = await openExec(shell.context, target, { cols: 80, rows: 24 }, (chunk) => {
    for (const listener of listeners) listener(chunk.toString());
  });
  return {
    send: (keys) => exec.write(Buffer.from(keys)),
    onOutput: (listener) => subscribe(listeners, listener),
    close: () => exec.close(),
  };
}

/** Opens, waits for the shell's prompt to settle, types and closes. */
async function session(typist: Typist, keystrokes: number): Promise<number[]> {
  try {
    await settled(typist, 500);
    return await typeAndTime(typist, keystrokes);
  } finally {
    typist.close();
  }
}

export const benchmark: Benchmark = {
  name: "terminal-echo",
  description: "keystroke echo over the portal's terminal WebSocket on loopback, into a shell on the real node",
  async run(size, log) {
    const { sessions, keystrokes } = SIZES[size];
    await resetBenchDatabase();
    const build = ensureBuild(log);
    // The pod starts while the server does.
    const starting = startShellRuntime({ prefix: "bench-term", lines: 1 });
    starting.catch(() => undefined);
    let portal: Portal | undefined;
    try {
      portal = await startPortal(build.distDir, log, [], "server.mjs");
      const portalUrl = portal.url;
      const shell = await starting;
      const { name, value } = await sessionCookie(shell.userId, portalUrl);
      const cookie = `${name}=${value}`;
      log(`shell ${shell.pod} running; warm-up session`);
      await session((await portalTypist(portalUrl, shell, cookie)).typist, 10);
      await session(await directTypist(shell), 10);

      const echo: number[] = [];
      const floor: number[] = [];
      const ready: number[] = [];
      log(`${sessions} sessions × ${keystrokes} keys, portal and floor alternating`);
      for (let i = 0; i < sessions; i++) {
        const order = i % 2 === 0 ? (["portal", "floor"] as const) : (["floor", "portal"] as const);
        for (const which of order) {
          if (which === "portal") {
            const opened = await portalTypist(portalUrl, shell, cookie);
            ready.push(opened.readyMs);
            echo.push(...(await session(opened.typist, keystrokes)));
          } else {
            floor.push(...(await session(await directTypist(shell), keystrokes)));
          }
        }
      }
      return {
        figures: [
          {
            name: "keystroke → echo, portal WebSocket",
            samples: echo,
            targets: { p95: TARGET_P95_MS },
            floor: { name: "the same exec session opened directly (no portal WebSocket)", samples: floor },
          },
          { name: "terminal opened → shell ready", samples: ready, targets: {} },
        ],
        params: {
          sessions,
          keystrokesPerSession: keystrokes,
          pauseMs: PAUSE_MS,
          server: "server.mjs",
          build: build.how,
          image: "canopy/shell:1",
          runtimeClass: "gvisor",
          node: "real",
        },
        notes: [
          "Loopback: the client, the portal, the API server and the node share this machine.",
          `Each key is one binary frame; the time runs until that key appears in the terminal's output (the tty's echo); ${PAUSE_MS} ms between keys, Ctrl-U every ${LINE} keys (unmeasured).`,
        ],
      };
    } finally {
      await starting.catch(() => undefined);
      await portal?.stop();
      await deleteBenchObjects();
    }
  },
};
