import https from "node:https";
import * as k8s from "@kubernetes/client-node";
import type { CounterReading } from "@/lib/metering/usage-rules";

// The kubelet's Summary API (/stats/summary), read through the API server's node proxy
// (`GET /api/v1/nodes/<node>/proxy/stats/summary`, RBAC: `get` on `nodes/proxy` and `list` on
// `nodes`) with the platform's own identity: per pod and container, CPU (a cumulative counter
// and an instant rate), memory working set and the pod's network byte counters. Nodes that
// do not answer (kwok's simulated nodes have no kubelet) are left alone for a while.

export interface CpuStats {
  /** Cumulative core-nanoseconds, at the kubelet's timestamp. */
  counter?: CounterReading;
  /** The kubelet's rate over its last interval, in nanocores. */
  nanoCores?: bigint;
}

export interface ContainerStats {
  cpu: CpuStats;
  workingSetBytes?: bigint;
}

export interface PodStats {
  uid: string;
  namespace: string;
  name: string;
  cpu: CpuStats;
  workingSetBytes?: bigint;
  containers: Record<string, ContainerStats>;
  /** Cumulative bytes over the pod's interfaces, at the kubelet's timestamp. */
  network?: { at: Date; rxBytes: bigint; txBytes: bigint };
}

interface RawCpu {
  time?: string;
  usageNanoCores?: number;
  usageCoreNanoSeconds?: number;
}
interface RawMemory {
  workingSetBytes?: number;
}
interface RawInterface {
  name?: string;
  rxBytes?: number;
  txBytes?: number;
}
interface RawPod {
  podRef?: { name?: string; namespace?: string; uid?: string };
  cpu?: RawCpu;
  memory?: RawMemory;
  containers?: { name?: string; cpu?: RawCpu; memory?: RawMemory }[];
  network?: RawInterface & { time?: string; interfaces?: RawInterface[] };
}

const big = (n: number | undefined) => (typeof n === "number" && Number.isFinite(n) && n >= 0 ? BigInt(n) : undefined);

function cpuStats(raw: RawCpu | undefined): CpuStats {
  const at = raw?.time ? new Date(raw.time) : undefined;
  const value = big(raw?.usageCoreNanoSeconds);
  return {
    counter: at && !Number.isNaN(at.getTime()) && value !== undefined ? { at, value } : undefined,
    nanoCores: big(raw?.usageNanoCores),
  };
}

/** The pods of one Summary API answer, as integers. Pods without a uid are skipped. */
export function parseSummary(summary: { pods?: RawPod[] }): PodStats[] {
  const pods: PodStats[] = [];
  for (const raw of summary.pods ?? []) {
    const ref = raw.podRef;
    if (!ref?.uid || !ref.name || !ref.namespace) continue;
    const containers: PodStats["containers"] = {};
    for (const c of raw.containers ?? []) {
      if (c.name) containers[c.name] = { cpu: cpuStats(c.cpu), workingSetBytes: big(c.memory?.workingSetBytes) };
    }
    let network: PodStats["network"];
    const at = raw.network?.time ? new Date(raw.network.time) : undefined;
    if (raw.network && at && !Number.isNaN(at.getTime())) {
      // Every interface of the pod's network namespace (the kubelet leaves out loopback).
      const interfaces = raw.network.interfaces?.length ? raw.network.interfaces : [raw.network];
      let rxBytes = 0n;
      let txBytes = 0n;
      for (const i of interfaces) {
        rxBytes += big(i.rxBytes) ?? 0n;
        txBytes += big(i.txBytes) ?? 0n;
      }
      network = { at, rxBytes, txBytes };
    }
    pods.push({
      uid: ref.uid,
      namespace: ref.namespace,
      name: ref.name,
      cpu: cpuStats(raw.cpu),
      workingSetBytes: big(raw.memory?.workingSetBytes),
      containers,
      network,
    });
  }
  return pods;
}

const REQUEST_TIMEOUT_MS = 5_000;
const NODE_RETRY_MS = 10 * 60_000;

export class KubeletStats {
  private readonly core: k8s.CoreV1Api;
  private readonly unavailableUntil = new Map<string, number>();

  constructor(
    private readonly kubeConfig: k8s.KubeConfig,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.core = kubeConfig.makeApiClient(k8s.CoreV1Api);
  }

  /** Every pod the answering nodes report; a node that fails is skipped for 10 minutes. */
  async read(now = Date.now()): Promise<PodStats[]> {
    const nodes = await this.core.listNode();
    const names = nodes.items.map((n) => n.metadata?.name).filter((n): n is string => !!n);
    const answers = await Promise.all(
      names
        .filter((name) => (this.unavailableUntil.get(name) ?? 0) <= now)
        .map(async (name) => {
          try {
            const pods = parseSummary((await this.summary(name)) as { pods?: RawPod[] });
            this.unavailableUntil.delete(name);
            return pods;
          } catch (error) {
            if (!this.unavailableUntil.has(name)) this.log(`[metering] no stats from node ${name}: ${String(error)}`);
            this.unavailableUntil.set(name, now + NODE_RETRY_MS);
            return [];
          }
        }),
    );
    return answers.flat();
  }

  private async summary(node: string): Promise<unknown> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error("the kubeconfig has no current cluster");
    const url = new URL(`/api/v1/nodes/${encodeURIComponent(node)}/proxy/stats/summary`, cluster.server);
    const options: https.RequestOptions = { method: "GET", headers: { Accept: "application/json" } };
    await this.kubeConfig.applyToHTTPSOptions(options);
    return new Promise((resolve, reject) => {
      const request = https.request(url, { ...options, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
          try {
            resolve(JSON.parse(body));
          } catch (error) {
            reject(error as Error);
          }
        });
      });
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", reject);
      request.end();
    });
  }
}
