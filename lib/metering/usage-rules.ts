// The pure rules that turn the kubelet's measurements into metered quantities. The kubelet
// reports CPU as a cumulative counter (core-nanoseconds since the container or pod sandbox
// started) and network bytes as cumulative counters of the pod's interface; a counter starts
// again from zero when what it counts is recreated (a sandbox after a node restart).

/** A cumulative counter read at a moment (the kubelet's own timestamp of the reading). */
export interface CounterReading {
  at: Date;
  value: bigint;
}

/**
 * What a counter counted since the previous reading, never negative: a counter that went
 * down was reset, and counts its new value (what it counted since the reset). Without a
 * previous reading there is no interval, so nothing is counted (the first reading is the
 * baseline).
 */
export function counterDelta(previous: bigint | undefined, current: bigint): bigint {
  if (previous === undefined) return 0n;
  if (current < 0n) return 0n;
  return current >= previous ? current - previous : current;
}

/**
 * Average CPU between two readings of the cumulative core-nanoseconds counter, in whole
 * millicores rounded up (as requests are). Undefined when the two readings do not span any
 * time or the counter was reset: the caller then uses the kubelet's instant rate.
 */
export function averageMillicores(previous: CounterReading | undefined, current: CounterReading): bigint | undefined {
  if (!previous) return undefined;
  const elapsedNs = BigInt(current.at.getTime() - previous.at.getTime()) * 1_000_000n;
  if (elapsedNs <= 0n || current.value < previous.value) return undefined;
  return ceilDiv((current.value - previous.value) * 1000n, elapsedNs);
}

/** The kubelet's instant rate (nanocores) in whole millicores, rounded up. */
export function nanoCoresToMillicores(nanoCores: bigint): bigint {
  return nanoCores <= 0n ? 0n : ceilDiv(nanoCores, 1_000_000n);
}

/**
 * What a minute is billed for CPU or memory: max(request, usage) where usage is known,
 * otherwise the request (OpenCost's rule; PRODUCT.md).
 */
export function billedQuantity(request: bigint, usage: bigint | undefined): bigint {
  return usage !== undefined && usage > request ? usage : request;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
