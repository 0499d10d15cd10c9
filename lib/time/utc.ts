// The periods Canopy measures and bills by, all in UTC: the metered minute, the rated hour,
// the daily rollup and the billing month. Pure, so that the worker, the pages and the
// tests cut time the same way.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function floorMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

export function floorHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export function floorDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextMonth(month: Date): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
}

export function previousMonth(month: Date): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1));
}

/** A month as it appears in URLs and file names: "2026-11". */
export function monthKey(month: Date): string {
  return month.toISOString().slice(0, 7);
}

/** "2026-11" → its first instant; the current month when absent. */
export function parseMonth(value: string | undefined, now = new Date()): Date {
  if (!value) return monthStart(now);
  const [y, m] = value.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1));
}

export function laterOf(a: Date, b: Date): Date {
  return a > b ? a : b;
}
