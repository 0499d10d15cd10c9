"use client";

import { useEffect, useRef, useState } from "react";

// Reads the logs route as a stream: each chunk the server passes on is split into lines
// and appended as it arrives (a followed log stays open; nothing is fetched twice). Lines
// are kept in a ref and the component re-renders at most once a frame, so a burst of
// thousands of lines costs a few renders. The oldest lines go past MAX_LINES.

export const MAX_LINES = 50_000;

export type LogStatus = "loading" | "streaming" | "ended" | "error";

export interface LogStream {
  lines: string[];
  /** Changes whenever `lines` changes (the array is appended in place). */
  version: number;
  status: LogStatus;
  error: string | null;
  /** How many of the oldest lines were let go to stay within MAX_LINES. */
  dropped: number;
}

async function errorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as {
    error?: string;
    fieldErrors?: Record<string, string[]>;
  } | null;
  const fieldError = body?.fieldErrors && Object.values(body.fieldErrors).flat()[0];
  return fieldError ?? body?.error ?? `The logs could not be loaded (HTTP ${response.status}).`;
}

const EMPTY: string[] = [];

interface StreamState {
  /** Which request the rest belongs to. */
  key: string;
  version: number;
  status: LogStatus;
  error: string | null;
}

export function useLogStream(url: string, attempt: number): LogStream {
  const key = `${attempt} ${url}`;
  const lines = useRef<string[]>([]);
  const dropped = useRef(0);
  const [state, setState] = useState<StreamState>({ key: "", version: 0, status: "loading", error: null });

  useEffect(() => {
    const abort = new AbortController();
    let frame: number | null = null;
    lines.current = [];
    dropped.current = 0;
    const update = (change: Partial<StreamState>) =>
      setState((s) => ({ ...s, key, version: s.version + 1, ...change }));

    const render = () => {
      frame = null;
      update({});
    };
    const schedule = () => {
      if (frame === null) frame = requestAnimationFrame(render);
    };
    const append = (fresh: string[]) => {
      const all = lines.current;
      for (const line of fresh) all.push(line);
      if (all.length > MAX_LINES) {
        const extra = all.length - MAX_LINES;
        all.splice(0, extra);
        dropped.current += extra;
      }
      schedule();
    };

    void (async () => {
      try {
        const response = await fetch(url, { signal: abort.signal, cache: "no-store" });
        if (!response.ok || !response.body) {
          update({ status: "error", error: await errorMessage(response) });
          return;
        }
        update({ status: "streaming", error: null });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let partial = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parts = (partial + value).split("\n");
          partial = parts.pop()!;
          if (parts.length) append(parts);
        }
        if (partial) append([partial]);
        update({ status: "ended" });
      } catch {
        if (abort.signal.aborted) return;
        update({ status: "error", error: "The connection to the log was lost." });
      }
    })();

    return () => {
      abort.abort();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [url, key]);

  // Until the new request has answered, nothing of the previous one is shown.
  if (state.key !== key) return { lines: EMPTY, version: -1, status: "loading", error: null, dropped: 0 };
  return {
    lines: lines.current,
    version: state.version,
    status: state.status,
    error: state.error,
    dropped: dropped.current,
  };
}
