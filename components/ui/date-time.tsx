"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

// The one way the console shows a moment: in the reader's locale and time zone, with the
// zone named ("6 Dec 2026, 17:42 CET"). The server knows neither, so the server's HTML (and
// the first render in the browser, which must match it) shows UTC; right after hydration the
// browser renders it again in its own locale and zone. No hydration mismatch either way.

export type DateTimeStyle = "date-time" | "time" | "time-seconds";

const OPTIONS: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  "date-time": { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  time: { hour: "2-digit", minute: "2-digit" },
  "time-seconds": { hour: "2-digit", minute: "2-digit", second: "2-digit" },
};

/** `at` as text: in UTC for the server's render, in the reader's locale and zone once hydrated. */
export function formatDateTime(at: Date, style: DateTimeStyle, local: boolean): string {
  const options: Intl.DateTimeFormatOptions = { ...OPTIONS[style], timeZoneName: "short" };
  return local
    ? new Intl.DateTimeFormat(undefined, options).format(at)
    : new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(at);
}

export function DateTime({
  at,
  style = "date-time",
  className,
}: {
  /** A Date, or an ISO 8601 string as JSON carries it. */
  at: Date | string;
  style?: DateTimeStyle;
  className?: string;
}) {
  const local = useHydrated();
  const date = typeof at === "string" ? new Date(at) : at;
  return (
    <time dateTime={date.toISOString()} className={className}>
      {formatDateTime(date, style, local)}
    </time>
  );
}
