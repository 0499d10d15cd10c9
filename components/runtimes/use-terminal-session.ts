"use client";

import { useEffect, useRef, useState } from "react";
import type { Terminal } from "@xterm/xterm";
import type { TerminalQuery } from "@/lib/terminal/protocol";
import { CLOSE_CODES, parseReadyMessage, terminalUrl } from "@/lib/terminal/wire";

// One terminal session in the browser: an xterm.js terminal fitted to its element, bound to
// the portal's terminal WebSocket (lib/terminal/protocol.ts). Keystrokes go out as binary
// frames, sizes as resize messages; what the container prints is written to the terminal.

export type SessionState =
  | { kind: "connecting" }
  | { kind: "open"; pod: string; container: string }
  | { kind: "closed"; message: string; tone: "info" | "error" };

function closedState(code: number, reason: string): SessionState {
  if (code === CLOSE_CODES.ENDED) return { kind: "closed", message: reason || "The session ended.", tone: "info" };
  if (code === 1006 || !reason) {
    // The upgrade was refused (the browser cannot see why) or the connection dropped.
    return {
      kind: "closed",
      message:
        "The terminal could not connect or lost its connection. Your session may have ended; reload to try again.",
      tone: "error",
    };
  }
  return { kind: "closed", message: reason, tone: code === CLOSE_CODES.POD_GONE ? "info" : "error" };
}

export function useTerminalSession(query: TerminalQuery, attempt: number) {
  const element = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | null>(null);
  const [state, setState] = useState<SessionState>({ kind: "connecting" });
  const [hasSelection, setHasSelection] = useState(false);
  const { workspace, env, runtime, pod, container } = query;

  useEffect(() => {
    const host = element.current;
    if (!host) return;
    let disposed = false;
    const cleanups: (() => void)[] = [];
    setState({ kind: "connecting" });

    void (async () => {
      // xterm.js needs the DOM: loaded in the browser only.
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed) return;
      const term = new Terminal({
        cursorBlink: true,
        convertEol: false,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
        fontSize: 13,
        scrollback: 5000,
        screenReaderMode: false,
        theme: { background: "#0f172a", foreground: "#e2e8f0", cursor: "#e2e8f0", selectionBackground: "#334155" },
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host);
      terminal.current = term;
      cleanups.push(() => {
        terminal.current = null;
        term.dispose();
      });
      fit.fit();

      const socket = new WebSocket(terminalUrl(window.location.origin, { workspace, env, runtime, pod, container }));
      socket.binaryType = "arraybuffer";
      const sendSize = () => {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: "resize", cols: term.cols, rows: term.rows }));
        }
      };
      socket.onopen = sendSize;
      socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== "string") return term.write(new Uint8Array(event.data));
        const ready = parseReadyMessage(event.data);
        if (ready) {
          setState({ kind: "open", pod: ready.pod, container: ready.container });
          term.focus();
        }
      };
      socket.onclose = (event) => {
        if (!disposed) setState(closedState(event.code, event.reason));
      };
      const encoder = new TextEncoder();
      const input = term.onData((data) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(encoder.encode(data));
      });
      const resized = term.onResize(sendSize);
      const selection = term.onSelectionChange(() => setHasSelection(term.hasSelection()));
      // Ctrl+Shift+C copies the selection (Ctrl+C is the shell's interrupt); Ctrl+Shift+V is
      // left to the browser, whose paste event xterm.js turns into input.
      term.attachCustomKeyEventHandler((event) => {
        if (event.type !== "keydown" || !event.ctrlKey || !event.shiftKey) return true;
        if (event.code === "KeyC") {
          if (term.hasSelection()) void navigator.clipboard.writeText(term.getSelection());
          return false;
        }
        return event.code !== "KeyV";
      });
      const observer = new ResizeObserver(() => fit.fit());
      observer.observe(host);
      cleanups.push(() => {
        observer.disconnect();
        input.dispose();
        resized.dispose();
        selection.dispose();
        socket.onclose = null;
        socket.close(CLOSE_CODES.ENDED);
      });
    })();

    return () => {
      disposed = true;
      for (const cleanup of cleanups.reverse()) cleanup();
    };
  }, [workspace, env, runtime, pod, container, attempt]);

  const copy = async () => {
    const term = terminal.current;
    if (term?.hasSelection()) await navigator.clipboard.writeText(term.getSelection());
    term?.focus();
  };
  const paste = async () => {
    const text = await navigator.clipboard.readText();
    terminal.current?.paste(text);
    terminal.current?.focus();
  };

  return { element, state, hasSelection, copy, paste };
}
