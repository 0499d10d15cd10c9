import type { WorkspaceContext } from "@/lib/authz/context";
import { watchRuntimes } from "@/lib/runtimes/watch-runtimes";

// Server-Sent Events for the runtimes pages: a "change" event naming the runtimes whose
// Deployment or pods changed, a comment every 15 s so proxies keep the connection open,
// and an end after a few minutes. EventSource reconnects by itself, and each reconnect
// goes through the guard again, so a removed member stops receiving events soon.

export interface StreamTiming {
  heartbeatMs?: number;
  lifetimeMs?: number;
  /** How long the browser waits before reconnecting. */
  retryMs?: number;
}

export function runtimeEventStream(
  context: WorkspaceContext,
  requestSignal: AbortSignal,
  { heartbeatMs = 15_000, lifetimeMs = 5 * 60_000, retryMs = 2_000 }: StreamTiming = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;

  const shutDown = () => {
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    stop.abort();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        shutDown();
        controller.close();
      };
      if (requestSignal.aborted) return close();
      requestSignal.addEventListener("abort", close, { once: true });
      heartbeat = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
      lifetime = setTimeout(close, lifetimeMs);
      send(`retry: ${retryMs}\n\n`);
      void watchRuntimes(context, {
        signal: stop.signal,
        onChange: (names) => send(`event: change\ndata: ${JSON.stringify({ runtimes: names })}\n\n`),
        // A watch that ends (the API server's timeout, a 410, a refused watch) ends the
        // stream; the browser reconnects and the new watches start from a fresh list.
        onEnd: close,
      }).catch(close);
    },
    cancel() {
      shutDown();
    },
  });
}
