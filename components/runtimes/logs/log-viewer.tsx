"use client";

import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import type { LogPod } from "@/lib/runtimes/runtime-log-sources";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/empty-state";
import { plainText } from "@/components/runtimes/logs/plain-text";
import { DEFAULT_OPTIONS, logUrl, type LogOptions } from "@/components/runtimes/logs/log-options";
import { LogToolbar } from "@/components/runtimes/logs/log-toolbar";
import { MAX_LINES, useLogStream, type LogStream } from "@/components/runtimes/logs/use-log-stream";
import { useEnvironment } from "@/components/workspace/use-environment";

// A runtime's logs in the browser: choose pod, run and range, follow new lines as they
// are written, search the loaded lines, and download the same log as a file. The page's
// HTML brings the newest lines (`snapshot`, rendered by the server), shown until the live
// log has its own. The live list (its virtualiser and ANSI parser, ~9 kB gzip) is fetched
// as the viewer mounts, beside the log itself, rather than before the page is interactive.

const loadLogLines = () => import("@/components/runtimes/logs/log-lines");
const LogLines = lazy(() => loadLogLines().then((m) => ({ default: m.LogLines })));

/** The newest lines in the page's HTML: how many, and the server's rendering of them. */
export interface LogSnapshotView {
  count: number;
  view: React.ReactNode;
}

function statusText(
  stream: LogStream,
  following: boolean,
  shown: number,
  searching: boolean,
  snapshot: LogSnapshotView | null,
): string {
  if (snapshot) {
    const count = snapshot.count;
    return `The newest ${count.toLocaleString("en")} line${count === 1 ? "" : "s"} · opening the live log…`;
  }
  const loaded = `${stream.lines.length.toLocaleString("en")} line${stream.lines.length === 1 ? "" : "s"}`;
  const matches = searching ? `${shown.toLocaleString("en")} of ${loaded} match` : `${loaded} loaded`;
  switch (stream.status) {
    case "loading":
      return "Opening the log…";
    case "streaming":
      return following ? `${matches} · following new lines` : `${matches} · loading…`;
    case "ended":
      return following
        ? `${matches} · the log ended (the container stopped or restarted, or it was followed for 30 minutes): Reload to follow again`
        : matches;
    case "error":
      return matches;
  }
}

export function LogViewer({
  slug,
  runtime,
  pods,
  snapshot = null,
}: {
  slug: string;
  runtime: string;
  pods: LogPod[];
  snapshot?: LogSnapshotView | null;
}) {
  const environment = useEnvironment();
  const router = useRouter();
  const [options, setOptions] = useState<LogOptions>({
    ...DEFAULT_OPTIONS,
    pod: pods.length === 1 ? pods[0]!.name : "",
  });
  const [attempt, setAttempt] = useState(0);
  const [search, setSearch] = useState("");
  const [wrap, setWrap] = useState(true);
  const url = logUrl(slug, environment, runtime, options);
  const [openingUrl] = useState(url);
  const stream = useLogStream(url, attempt);
  const query = useDeferredValue(search.trim().toLowerCase());
  useEffect(() => void loadLogLines(), []);

  const { lines, version } = stream;
  const matches = useMemo(() => {
    if (!query) return null;
    const found: number[] = [];
    lines.forEach((line, i) => {
      if (plainText(line).toLowerCase().includes(query)) found.push(i);
    });
    return found;
    // `lines` is appended in place; `version` says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, version, query]);

  if (pods.length === 0) {
    return (
      <EmptyState
        title="No pods"
        action={
          <Button variant="secondary" size="sm" onClick={() => router.refresh()}>
            Check again
          </Button>
        }
      >
        This runtime has no pods right now, so there are no logs to read. Start it, or wait for its pods to be
        scheduled.
      </EmptyState>
    );
  }

  const following = options.follow && !options.previous;
  const shown = matches ? matches.length : lines.length;
  // The server's lines stand in for the live log of the same choices until it has lines
  // (and until the live list's code is there).
  const opening = snapshot && url === openingUrl && attempt === 0 && !stream.error ? snapshot : null;
  const headStart = opening && lines.length === 0 && stream.status !== "ended" ? opening : null;
  return (
    <section aria-label="Logs" data-wrap={wrap ? "on" : "off"} className="group/log flex flex-col gap-4">
      <LogToolbar pods={pods} options={options} onChange={(next) => setOptions((o) => ({ ...o, ...next }))} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor="log-search" className="text-xs font-medium text-slate-700">
            Search the loaded lines
          </label>
          <input
            id="log-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Text to find"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs"
          />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          Wrap long lines
        </label>
        <Button
          variant="secondary"
          size="field"
          onClick={() => {
            router.refresh();
            setAttempt((a) => a + 1);
          }}
        >
          Reload
        </Button>
        <a
          href={logUrl(slug, environment, runtime, options, true)}
          download
          className={buttonClass({ variant: "secondary", size: "field" })}
        >
          Download
        </a>
      </div>
      {stream.error ? <Alert>{stream.error}</Alert> : null}
      <p role="status" className="text-sm text-slate-600">
        {statusText(stream, following, shown, matches !== null, headStart)}
        {stream.dropped
          ? ` · the oldest ${stream.dropped.toLocaleString("en")} lines were let go (at most ${MAX_LINES.toLocaleString("en")} are kept)`
          : ""}
      </p>
      {headStart ? (
        headStart.view
      ) : stream.status !== "error" && stream.lines.length === 0 && stream.status !== "loading" ? (
        <EmptyState align="center">No log lines for these choices.</EmptyState>
      ) : (
        <Suspense fallback={opening ? opening.view : <LoadingLines />}>
          <LogLines
            key={`${attempt} ${url}`}
            lines={lines}
            indices={matches}
            version={version}
            query={query}
            wrap={wrap}
            stickToEnd={!matches}
            firstNumber={stream.dropped + 1}
          />
        </Suspense>
      )}
    </section>
  );
}

/** The log's box, empty and busy, while the live list's code loads. */
function LoadingLines() {
  return (
    <div
      role="log"
      aria-label="Log lines"
      aria-busy="true"
      className="h-[60vh] min-h-64 rounded-md border border-slate-200 bg-slate-50"
    />
  );
}
