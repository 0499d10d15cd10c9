import { AnsiText } from "@/components/runtimes/logs/ansi-text";
import type { LogSnapshot } from "@/lib/runtimes/runtime-log-snapshot";

// The newest lines the server read while rendering the page, shown as they came in the HTML
// until the live log has lines of its own. A server component: the lines' colours are worked
// out on the server, so the page's first load carries no ANSI parser. A plain list (a few
// dozen rows, no virtualiser, so it paints before any script runs), in the same box and style
// as the live view, held at its end by CSS alone: a column-reverse scroller opens scrolled to
// its last row. "Wrap long lines" is the viewer's data-wrap (a group named log), read by CSS.

export function LogSnapshotLines({ snapshot }: { snapshot: LogSnapshot }) {
  return (
    <div
      role="log"
      aria-live="off"
      aria-label="Log lines"
      aria-busy="true"
      tabIndex={0}
      className="flex h-[60vh] min-h-64 flex-col-reverse overflow-auto rounded-md border border-slate-200 bg-slate-50 font-mono text-xs leading-5 text-slate-900"
    >
      <div className="w-full">
        {snapshot.lines.map((line, i) => (
          <div key={i} data-log-row="" className="flex min-w-full group-data-[wrap=on]/log:w-full">
            <span
              aria-hidden
              className="sticky left-0 w-12 shrink-0 bg-slate-50 pr-2 text-right text-slate-400 tabular-nums select-none sm:w-16 sm:pr-3"
            >
              {snapshot.firstNumber + i}
            </span>
            <span className="min-w-0 pr-3 whitespace-pre group-data-[wrap=on]/log:break-all group-data-[wrap=on]/log:whitespace-pre-wrap">
              <AnsiText line={line} query="" />
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
