import { describe, expect, it } from "vitest";
import { amountFor } from "@/lib/billing/rating";
import { parseSummary, type PodStats } from "@/lib/metering/kubelet-stats";
import { podUsage } from "@/lib/metering/usage-sampler";
import { averageMillicores, billedQuantity, counterDelta, nanoCoresToMillicores } from "@/lib/metering/usage-rules";

// The rules that turn the kubelet's measurements into billed quantities (docs/metering.md).

const t = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 16, 0, seconds));
const GIB = 2n ** 30n;

describe("max(request, usage)", () => {
  it("bills the usage above the request, the request otherwise, and the request when usage is unknown", () => {
    expect(billedQuantity(50n, 480n)).toBe(480n);
    expect(billedQuantity(50n, 3n)).toBe(50n);
    expect(billedQuantity(50n, 50n)).toBe(50n);
    expect(billedQuantity(50n, undefined)).toBe(50n);
    expect(billedQuantity(0n, 7n)).toBe(7n);
  });
});

describe("counters", () => {
  it("counts what a counter counted since the previous reading", () => {
    expect(counterDelta(1_000n, 4_096n)).toBe(3_096n);
    expect(counterDelta(4_096n, 4_096n)).toBe(0n);
  });

  it("takes the first reading as the baseline: nothing counted", () => {
    expect(counterDelta(undefined, 9_999_999n)).toBe(0n);
  });

  it("never goes negative: a counter that went down was reset and counts what it counted since", () => {
    expect(counterDelta(5_000_000n, 1_200n)).toBe(1_200n);
    expect(counterDelta(5_000_000n, 0n)).toBe(0n);
  });

  it("averages CPU over the interval between two readings of the cumulative counter, rounded up", () => {
    // 30 core-seconds over 60 s: half a core.
    expect(averageMillicores({ at: t(0), value: 0n }, { at: t(60), value: 30_000_000_000n })).toBe(500n);
    expect(averageMillicores({ at: t(0), value: 0n }, { at: t(60), value: 1n })).toBe(1n);
    // No interval, no earlier reading, or a reset: unknown here (the instant rate is used).
    expect(averageMillicores({ at: t(5), value: 10n }, { at: t(5), value: 20n })).toBeUndefined();
    expect(averageMillicores(undefined, { at: t(5), value: 20n })).toBeUndefined();
    expect(averageMillicores({ at: t(0), value: 50n }, { at: t(60), value: 20n })).toBeUndefined();
    expect(nanoCoresToMillicores(54_024_527n)).toBe(55n);
    expect(nanoCoresToMillicores(0n)).toBe(0n);
  });
});

describe("egress is priced per GiB sent", () => {
  it("prices bytes (not byte-minutes) with one rounding, and is free where the plan sets no price", () => {
    expect(amountFor("EGRESS", GIB, 90_000n)).toBe(90_000n);
    expect(amountFor("EGRESS", GIB / 2n, 90_000n)).toBe(45_000n);
    expect(amountFor("EGRESS", 5n * GIB, 0n)).toBe(0n);
    // 1 KiB at 0.09 per GiB: 0.0858 micro-units, rounds to 0; 6 KiB to 1.
    expect(amountFor("EGRESS", 1024n, 90_000n)).toBe(0n);
    expect(amountFor("EGRESS", 6n * 1024n, 90_000n)).toBe(1n);
  });
});

// The shape of a real answer of the real node's kubelet (gVisor pod, trimmed), with network
// as the kubelet reports it when it reads pod stats from the CRI.
function summary(seconds: number, cpuNs: number, rx: number, tx: number) {
  const time = t(seconds).toISOString();
  return {
    pods: [
      {
        podRef: { name: "spin", namespace: "ws-a", uid: "uid-spin" },
        containers: [
          {
            name: "app",
            cpu: { time, usageNanoCores: 54_024_527, usageCoreNanoSeconds: cpuNs },
            memory: { time, workingSetBytes: 2_318_336 },
          },
        ],
        cpu: { time, usageNanoCores: 60_000_000, usageCoreNanoSeconds: cpuNs + 500_000_000 },
        memory: { time, workingSetBytes: 25_042_944 },
        network: {
          time,
          name: "eth0",
          rxBytes: rx,
          txBytes: tx,
          interfaces: [{ name: "eth0", rxBytes: rx, txBytes: tx }],
        },
      },
      { podRef: { name: "no-uid", namespace: "ws-a" } },
    ],
  };
}

describe("the kubelet's readings, one after another", () => {
  const read = (seconds: number, cpuNs: number, rx: number, tx: number): PodStats => {
    const pods = parseSummary(summary(seconds, cpuNs, rx, tx));
    expect(pods).toHaveLength(1);
    return pods[0]!;
  };

  it("starts from the instant rate and no bytes, then averages the counter and counts the bytes", () => {
    const first = podUsage(undefined, read(0, 1_000_000_000, 10_000, 2_000));
    expect(first.usage.containers.app).toEqual({ cpuMillicores: 55n, memoryBytes: 2_318_336n });
    expect(first.usage.rxBytes).toBe(0n);
    expect(first.usage.txBytes).toBe(0n);
    // 24 core-seconds in 60 s: 400 millicores; 5 000 bytes in, 1 000 out.
    const second = podUsage(first.baseline, read(60, 25_000_000_000, 15_000, 3_000));
    expect(second.usage.containers.app?.cpuMillicores).toBe(400n);
    expect(second.usage.rxBytes).toBe(5_000n);
    expect(second.usage.txBytes).toBe(1_000n);
  });

  it("survives a counter reset (a recreated sandbox): no negative bytes, the instant CPU rate", () => {
    const before = podUsage(undefined, read(0, 90_000_000_000, 1_000_000, 800_000));
    const after = podUsage(before.baseline, read(60, 2_000_000_000, 4_000, 1_500));
    expect(after.usage.rxBytes).toBe(4_000n);
    expect(after.usage.txBytes).toBe(1_500n);
    expect(after.usage.containers.app?.cpuMillicores).toBe(55n);
    const next = podUsage(after.baseline, read(120, 8_000_000_000, 6_000, 1_500));
    expect(next.usage.rxBytes).toBe(2_000n);
    expect(next.usage.txBytes).toBe(0n);
    expect(next.usage.containers.app?.cpuMillicores).toBe(100n);
  });

  it("knows nothing of the network of a pod the kubelet reports none for", () => {
    const raw = summary(0, 1, 0, 0);
    delete (raw.pods[0] as { network?: unknown }).network;
    const pod = parseSummary(raw)[0]!;
    expect(pod.network).toBeUndefined();
    const usage = podUsage(undefined, pod).usage;
    expect([usage.rxBytes, usage.txBytes]).toEqual([0n, 0n]);
  });
});
