// What the logs page offers (components/runtimes/logs) and the logs route accepts
// (runtime-log-query.ts); free of zod, so the page does not load its code.

/** The tail-lines choices the page offers; any whole number in range is accepted. */
export const TAIL_LINE_CHOICES = [100, 1_000, 10_000] as const;
export const MAX_TAIL_LINES = 100_000;
/** The tail the page opens with. */
export const DEFAULT_TAIL_LINES = 1_000;

/** The since choices the page offers, in seconds. */
export const SINCE_CHOICES = [
  { label: "Last 5 minutes", seconds: 300 },
  { label: "Last hour", seconds: 3_600 },
  { label: "Last 24 hours", seconds: 86_400 },
  { label: "Last 7 days", seconds: 7 * 86_400 },
] as const;
