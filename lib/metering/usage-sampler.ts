import type { PodStats } from "@/lib/metering/kubelet-stats";
import {
  averageMillicores,
  counterDelta,
  nanoCoresToMillicores,
  type CounterReading,
} from "@/lib/metering/usage-rules";

// Turns successive Summary API readings into each pod's usage since the previous reading:
// CPU averaged from the cumulative counter (the kubelet's instant rate when there is no
// earlier reading), the memory working set, and the bytes received and sent. The previous
// readings are kept per pod uid and replaced only when the caller commits, after the minute
// that used them is written, so a failed write never loses bytes from the next interval.

export interface Usage {
  cpuMillicores?: bigint;
  memoryBytes?: bigint;
}

export interface PodUsage extends Usage {
  containers: Record<string, Usage>;
  rxBytes: bigint;
  txBytes: bigint;
}

export interface Baseline {
  cpu?: CounterReading;
  containers: Record<string, CounterReading | undefined>;
  network?: { rxBytes: bigint; txBytes: bigint };
}

function cpuUsage(previous: CounterReading | undefined, current: PodStats["cpu"]): bigint | undefined {
  const average = current.counter ? averageMillicores(previous, current.counter) : undefined;
  if (average !== undefined) return average;
  return current.nanoCores !== undefined ? nanoCoresToMillicores(current.nanoCores) : undefined;
}

/** One pod's usage since `previous`, and the baseline for the next interval. */
export function podUsage(previous: Baseline | undefined, current: PodStats): { usage: PodUsage; baseline: Baseline } {
  const containers: PodUsage["containers"] = {};
  const baselines: Baseline["containers"] = {};
  for (const [name, stats] of Object.entries(current.containers)) {
    containers[name] = {
      cpuMillicores: cpuUsage(previous?.containers[name], stats.cpu),
      memoryBytes: stats.workingSetBytes,
    };
    baselines[name] = stats.cpu.counter;
  }
  const network = current.network;
  return {
    usage: {
      cpuMillicores: cpuUsage(previous?.cpu, current.cpu),
      memoryBytes: current.workingSetBytes,
      containers,
      rxBytes: network ? counterDelta(previous?.network?.rxBytes, network.rxBytes) : 0n,
      txBytes: network ? counterDelta(previous?.network?.txBytes, network.txBytes) : 0n,
    },
    baseline: {
      cpu: current.cpu.counter,
      containers: baselines,
      network: network ? { rxBytes: network.rxBytes, txBytes: network.txBytes } : previous?.network,
    },
  };
}

export interface Sample {
  /** Usage per pod uid, for the pods the kubelets reported. */
  pods: Map<string, PodUsage>;
  /** Makes this reading the baseline of the next one. */
  commit(): void;
}

export class UsageSampler {
  private baselines = new Map<string, Baseline>();

  constructor(private readonly source: { read(now?: number): Promise<PodStats[]> }) {}

  /** Forgets every previous reading: the next one is a baseline again. */
  reset(): void {
    this.baselines = new Map();
  }

  async sample(now = Date.now()): Promise<Sample> {
    const stats = await this.source.read(now);
    const pods = new Map<string, PodUsage>();
    const next = new Map<string, Baseline>();
    for (const pod of stats) {
      const { usage, baseline } = podUsage(this.baselines.get(pod.uid), pod);
      pods.set(pod.uid, usage);
      next.set(pod.uid, baseline);
    }
    // Pods no kubelet reports any more are forgotten: a uid is never reused.
    return { pods, commit: () => void (this.baselines = next) };
  }
}
