import type { V1Pod } from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/metering/meter-minute";
import type { Client } from "@/lib/metering/write-usage";
import { bytes, cpuMillicores, runtimeNameOf } from "@/lib/metering/metered-object";
import type { PodUsage, Usage } from "@/lib/metering/usage-sampler";

// What the kubelets measured, per pod and minute: the usage_samples rows the runtime page's
// charts read (with the pod's requests and limits beside its usage), and the EGRESS rows of
// the ledger (bytes each pod sent, written with the minute's other usage rows, so exactly
// once per pod and minute). Samples are not the ledger; they are deleted after the retention.

export interface SampleRow {
  podUid: string;
  minute: Date;
  workspaceId: string;
  runtimeName: string;
  cpuMillicores: bigint;
  memoryBytes: bigint;
  rxBytes: bigint;
  txBytes: bigint;
  cpuRequestMillicores: bigint;
  cpuLimitMillicores: bigint;
  memoryRequestBytes: bigint;
  memoryLimitBytes: bigint;
}

/** Requests and limits summed over the pod's running containers (a request defaults to the limit). */
export function podResources(pod: V1Pod) {
  const running = new Set(
    [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const totals = { cpuRequest: 0n, cpuLimit: 0n, memoryRequest: 0n, memoryLimit: 0n };
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    if (!running.has(c.name)) continue;
    const { requests, limits } = c.resources ?? {};
    totals.cpuRequest += cpuMillicores(requests?.cpu ?? limits?.cpu);
    totals.cpuLimit += cpuMillicores(limits?.cpu);
    totals.memoryRequest += bytes(requests?.memory ?? limits?.memory);
    totals.memoryLimit += bytes(limits?.memory);
  }
  return totals;
}

/** The containers' usage added up, or the pod's own figure when a container's is unknown. */
function total(usage: PodUsage, field: keyof Usage): bigint {
  const containers = Object.values(usage.containers);
  if (containers.length > 0 && containers.every((c) => c[field] !== undefined)) {
    return containers.reduce((sum, c) => sum + (c[field] ?? 0n), 0n);
  }
  return usage[field] ?? 0n;
}

export interface SampledPod {
  pod: V1Pod;
  workspaceId: string;
  usage: PodUsage;
}

export function sampleRows(minute: Date, pods: SampledPod[]): SampleRow[] {
  return pods.map(({ pod, workspaceId, usage }) => {
    const resources = podResources(pod);
    return {
      podUid: pod.metadata?.uid ?? "",
      minute,
      workspaceId,
      runtimeName: runtimeNameOf(pod),
      cpuMillicores: total(usage, "cpuMillicores"),
      memoryBytes: total(usage, "memoryBytes"),
      rxBytes: usage.rxBytes,
      txBytes: usage.txBytes,
      cpuRequestMillicores: resources.cpuRequest,
      cpuLimitMillicores: resources.cpuLimit,
      memoryRequestBytes: resources.memoryRequest,
      memoryLimitBytes: resources.memoryLimit,
    };
  });
}

/** The ledger's EGRESS rows of a minute: the bytes each pod sent since the previous sample. */
export function egressRows(minute: Date, pods: SampledPod[]): UsageRow[] {
  return pods
    .filter(({ usage }) => usage.txBytes > 0n)
    .map(({ pod, workspaceId, usage }) => ({
      objectUid: pod.metadata?.uid ?? "",
      resource: "EGRESS",
      minute,
      workspaceId,
      objectKind: "POD",
      namespace: pod.metadata?.namespace ?? "",
      objectName: pod.metadata?.name ?? "",
      runtimeName: runtimeNameOf(pod),
      runtimeClass: pod.spec?.runtimeClassName ?? "",
      quantity: usage.txBytes,
    }));
}

const BATCH = 2_000;

/** Inserts samples; one already there for the pod and minute is kept (first write wins). */
export async function writeSamples(rows: SampleRow[], client: Pick<Client, "$executeRaw"> = db()): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const column = (pick: (r: SampleRow) => bigint) => batch.map((r) => pick(r).toString());
    inserted += await client.$executeRaw`
      INSERT INTO usage_samples (pod_uid, minute, workspace_id, runtime_name, cpu_millicores, memory_bytes, rx_bytes,
                                 tx_bytes, cpu_request_millicores, cpu_limit_millicores, memory_request_bytes,
                                 memory_limit_bytes)
      SELECT * FROM unnest(
        ${batch.map((r) => r.podUid)}::text[],
        ${batch.map((r) => r.minute.toISOString())}::timestamptz[],
        ${batch.map((r) => r.workspaceId)}::text[],
        ${batch.map((r) => r.runtimeName)}::text[],
        ${column((r) => r.cpuMillicores)}::bigint[],
        ${column((r) => r.memoryBytes)}::bigint[],
        ${column((r) => r.rxBytes)}::bigint[],
        ${column((r) => r.txBytes)}::bigint[],
        ${column((r) => r.cpuRequestMillicores)}::bigint[],
        ${column((r) => r.cpuLimitMillicores)}::bigint[],
        ${column((r) => r.memoryRequestBytes)}::bigint[],
        ${column((r) => r.memoryLimitBytes)}::bigint[])
        AS s(pod_uid, minute, workspace_id, runtime_name, cpu, memory, rx, tx, cpu_request, cpu_limit, memory_request,
             memory_limit)
      WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = s.workspace_id)
      ON CONFLICT DO NOTHING`;
  }
  return inserted;
}

/** Deletes samples older than `before`, in bounded batches. */
export async function pruneSamples(before: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await db().$executeRaw`
      DELETE FROM usage_samples WHERE ctid IN (SELECT ctid FROM usage_samples WHERE minute < ${before} LIMIT 10000)`;
    deleted += n;
    if (n < 10_000) return deleted;
  }
}
