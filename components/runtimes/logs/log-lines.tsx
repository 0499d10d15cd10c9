"use client";

import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { cn } from "@/components/ui/cn";
import { AnsiText } from "@/components/runtimes/logs/ansi-text";

// The loaded lines, virtualised: only the rows in view (and a few around them) are in the
// page, so 10,000 or 50,000 lines scroll as smoothly as 100. Rows are measured as they
// render, so wrapped long lines take the height they need. The view opens at the newest
// line and stays there as lines arrive, unless the reader scrolled up.

const ROW_ESTIMATE = 20;

export function LogLines({
  lines,
  indices,
  version,
  query,
  wrap,
  stickToEnd,
  firstNumber,
}: {
  lines: string[];
  /** Which lines to show (all, or the search's matches), as indexes into `lines`. */
  indices: number[] | null;
  version: number;
  query: string;
  wrap: boolean;
  stickToEnd: boolean;
  /** The number of the first loaded line (lines let go before it still count). */
  firstNumber: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const lastTop = useRef(0);
  const count = indices ? indices.length : lines.length;
  // The virtualizer hands out fresh measurements on each render; the compiler must not memoise around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
  });

  useEffect(() => {
    if (stickToEnd && atEnd.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [count, version, stickToEnd, virtualizer]);

  // A new layout (wrapping on or off) needs every row measured again.
  useEffect(() => virtualizer.measure(), [wrap, virtualizer]);

  return (
    <div
      ref={scroller}
      role="log"
      aria-live="off"
      aria-label="Log lines"
      tabIndex={0}
      onScroll={(event) => {
        // Only the reader scrolls up: lines arriving (or the list keeping to the end) never
        // move the view up, so that alone lets go of the end, and coming back takes it again.
        const el = event.currentTarget;
        if (el.scrollTop < lastTop.current - 1) atEnd.current = false;
        if (el.scrollHeight - el.scrollTop - el.clientHeight < ROW_ESTIMATE * 2) atEnd.current = true;
        lastTop.current = el.scrollTop;
      }}
      className="h-[60vh] min-h-64 overflow-auto rounded-md border border-slate-200 bg-slate-50 font-mono text-xs leading-5 text-slate-900"
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const index = indices ? indices[row.index]! : row.index;
          return (
            <div
              key={row.key}
              data-index={row.index}
              data-log-row=""
              ref={virtualizer.measureElement}
              className={cn("absolute top-0 left-0 flex", wrap ? "w-full" : "min-w-full")}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <span
                aria-hidden
                className="sticky left-0 w-12 shrink-0 bg-slate-50 pr-2 text-right text-slate-400 tabular-nums select-none sm:w-16 sm:pr-3"
              >
                {firstNumber + index}
              </span>
              <span className={cn("min-w-0 pr-3", wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre")}>
                <AnsiText line={lines[index]!} query={query} />
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
