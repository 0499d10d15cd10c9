// Summary statistics for benchmark samples (milliseconds) and the checks against targets.

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/** The q-th quantile (0..1) by linear interpolation between closest ranks (R-7, as numpy does). */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: number[]): Summary {
  return {
    runs: samples.length,
    p50: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    p99: quantile(samples, 0.99),
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

/** How many times slower `measured` is than `floor`, at the median and at p99. */
export function ratio(measured: Summary, floor: Summary): { p50: number; p99: number } {
  return { p50: measured.p50 / floor.p50, p99: measured.p99 / floor.p99 };
}

export interface Check {
  /** What is compared, e.g. "p99 ≤ 300 ms" or "vs floor (p50) ≤ 1.5×". */
  label: string;
  value: number;
  limit: number;
  ok: boolean;
}

export function atMost(label: string, value: number, limit: number): Check {
  return { label, value, limit, ok: value <= limit };
}

export function atLeast(label: string, value: number, limit: number): Check {
  return { label, value, limit, ok: value >= limit };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
