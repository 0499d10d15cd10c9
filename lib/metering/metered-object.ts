import type {
  KubernetesObject,
  V1Container,
  V1ContainerStatus,
  V1Ingress,
  V1PersistentVolumeClaim,
  V1Pod,
} from "@kubernetes/client-node";
import { parseQuantity } from "@/lib/kube/quantity";
import { billedQuantity } from "@/lib/metering/usage-rules";

// What metering needs to know about one billable object, reduced from the cluster's view:
// which workspace it belongs to and, per resource, during which intervals it used how much.
// Quantities are integers in base units: CPU in millicores, memory and storage in bytes,
// endpoints as a count. See docs/metering.md for the rules.

export type UsageResource = "CPU" | "MEMORY" | "STORAGE" | "ENDPOINT" | "EGRESS";
export type MeteredKind = "POD" | "PVC" | "ENDPOINT";

/** A time interval [from, to); `to` null while it lasts. */
export interface UsageSpan {
  from: Date;
  to: Date | null;
  resource: UsageResource;
  quantity: bigint;
}

export interface MeteredObject {
  uid: string;
  kind: MeteredKind;
  workspaceId: string;
  namespace: string;
  name: string;
  /** The runtime a pod or endpoint belongs to; "" for volumes. */
  runtimeName: string;
  runtimeClass: string;
  spans: UsageSpan[];
}

export const RUNTIME_LABEL = "canopy.dev/runtime";

/** Timestamps arrive as Date (typed list responses) or RFC 3339 strings (watch events). */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string" && value) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** CPU quantity in whole millicores, rounded up (a request of 1u still costs a millicore). */
export function cpuMillicores(quantity: string | undefined): bigint {
  if (!quantity) return 0n;
  return BigInt(Math.ceil(Math.round(parseQuantity(quantity) * 1e9) / 1e6));
}

/** Memory or storage quantity in whole bytes, rounded up. */
export function bytes(quantity: string | undefined): bigint {
  if (!quantity) return 0n;
  return BigInt(Math.ceil(parseQuantity(quantity)));
}

/**
 * When the object stopped counting: the moment its deletion was requested (for a pod,
 * deletionTimestamp minus the grace period it was given), else when a worker saw it vanish.
 */
export function endOf(object: KubernetesObject, observedGoneAt: Date | null): Date | null {
  const deletion = toDate(object.metadata?.deletionTimestamp);
  if (deletion) {
    const grace = object.metadata?.deletionGracePeriodSeconds ?? 0;
    const requested = new Date(deletion.getTime() - grace * 1000);
    return observedGoneAt && observedGoneAt < requested ? observedGoneAt : requested;
  }
  return observedGoneAt;
}

function earlier(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** The runtime a pod belongs to: its canopy.dev/runtime label, else its controller's name. */
export function runtimeNameOf(pod: V1Pod): string {
  const label = pod.metadata?.labels?.[RUNTIME_LABEL];
  if (label) return label;
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner) return pod.metadata?.name ?? "";
  // A Deployment's pods are owned by a ReplicaSet named <deployment>-<pod-template-hash>.
  const hash = pod.metadata?.labels?.["pod-template-hash"];
  if (owner.kind === "ReplicaSet" && hash && owner.name.endsWith(`-${hash}`)) {
    return owner.name.slice(0, -hash.length - 1);
  }
  return owner.name;
}

export interface PodMetricsSample {
  /** Per container name: what it used (the kubelet's measure); a missing figure is unknown. */
  containers: Record<string, { cpuMillicores?: bigint; memoryBytes?: bigint }>;
}

/**
 * The part of a pod that podToMetered (and the pod's key and workspace) read: names, labels,
 * owners, deletion, each container's name and resources, each container status's name and
 * states. The pod informer keeps only this, since managedFields and the rest of the spec and
 * status are most of a pod's memory and a meter follows every pod of the cluster.
 */
export function meteredPodFields(pod: V1Pod): V1Pod {
  const m = pod.metadata;
  const containers = (list: V1Container[] | undefined) => list?.map((c) => ({ name: c.name, resources: c.resources }));
  const statuses = (list: V1ContainerStatus[] | undefined) =>
    list?.map((s) => ({ name: s.name, state: s.state, lastState: s.lastState }) as V1ContainerStatus);
  return {
    metadata: m && {
      uid: m.uid,
      name: m.name,
      namespace: m.namespace,
      resourceVersion: m.resourceVersion,
      labels: m.labels,
      ownerReferences: m.ownerReferences,
      deletionTimestamp: m.deletionTimestamp,
      deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
    },
    spec: pod.spec && {
      runtimeClassName: pod.spec.runtimeClassName,
      initContainers: containers(pod.spec.initContainers),
      containers: containers(pod.spec.containers) ?? [],
    },
    status: pod.status && {
      phase: pod.status.phase,
      initContainerStatuses: statuses(pod.status.initContainerStatuses),
      containerStatuses: statuses(pod.status.containerStatuses),
    },
  };
}

/**
 * A pod's usage: each container counts while it runs, with its requests (or, when a usage
 * sample is given, max(request, usage)). A pending pod has no running container, so it has
 * no spans. Containers that ran and stopped keep their past interval, so a worker catching up
 * after a restart still bills the time they ran.
 */
export function podToMetered(
  pod: V1Pod,
  workspaceId: string,
  observedGoneAt: Date | null = null,
  metrics?: PodMetricsSample,
): MeteredObject | null {
  const uid = pod.metadata?.uid;
  if (!uid) return null;
  const podEnd = endOf(pod, observedGoneAt);
  const specs = new Map(
    [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => [c.name, c] as const),
  );
  const spans: UsageSpan[] = [];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const spec = specs.get(status.name);
    if (!spec) continue;
    const request = (name: "cpu" | "memory") => spec.resources?.requests?.[name] ?? spec.resources?.limits?.[name];
    const requestedCpu = cpuMillicores(request("cpu"));
    const requestedMemory = bytes(request("memory"));
    const sample = metrics?.containers[status.name];
    const intervals: { from: Date; to: Date | null; current: boolean }[] = [];
    const running = status.state?.running;
    if (running) {
      const from = toDate(running.startedAt);
      if (from) intervals.push({ from, to: podEnd, current: true });
    }
    for (const terminated of [status.state?.terminated, status.lastState?.terminated]) {
      const from = toDate(terminated?.startedAt);
      const to = toDate(terminated?.finishedAt);
      if (from && to) intervals.push({ from, to: earlier(to, podEnd), current: false });
    }
    for (const interval of intervals) {
      if (interval.to && interval.to <= interval.from) continue;
      // A usage sample describes the container running now, never its past runs.
      const used = interval.current ? sample : undefined;
      const cpu = billedQuantity(requestedCpu, used?.cpuMillicores);
      const memory = billedQuantity(requestedMemory, used?.memoryBytes);
      if (cpu > 0n) spans.push({ from: interval.from, to: interval.to, resource: "CPU", quantity: cpu });
      if (memory > 0n) spans.push({ from: interval.from, to: interval.to, resource: "MEMORY", quantity: memory });
    }
  }
  return {
    uid,
    kind: "POD",
    workspaceId,
    namespace: pod.metadata?.namespace ?? "",
    name: pod.metadata?.name ?? "",
    runtimeName: runtimeNameOf(pod),
    runtimeClass: pod.spec?.runtimeClassName ?? "",
    spans,
  };
}

/**
 * A claim's storage: its bound capacity, from its creation (claims bind when created, or
 * within moments) until its deletion. An unbound claim holds no storage and costs nothing.
 */
export function pvcToMetered(
  pvc: V1PersistentVolumeClaim,
  workspaceId: string,
  observedGoneAt: Date | null = null,
): MeteredObject | null {
  const uid = pvc.metadata?.uid;
  const from = toDate(pvc.metadata?.creationTimestamp);
  if (!uid || !from) return null;
  const capacity = pvc.status?.phase === "Bound" ? bytes(pvc.status.capacity?.storage) : 0n;
  return {
    uid,
    kind: "PVC",
    workspaceId,
    namespace: pvc.metadata?.namespace ?? "",
    name: pvc.metadata?.name ?? "",
    runtimeName: "",
    runtimeClass: "",
    spans: capacity > 0n ? [{ from, to: endOf(pvc, observedGoneAt), resource: "STORAGE", quantity: capacity }] : [],
  };
}

/** A public endpoint (a Canopy-managed Ingress) counts one from creation until deletion. */
export function ingressToMetered(
  ingress: V1Ingress,
  workspaceId: string,
  observedGoneAt: Date | null = null,
): MeteredObject | null {
  const uid = ingress.metadata?.uid;
  const from = toDate(ingress.metadata?.creationTimestamp);
  if (!uid || !from) return null;
  return {
    uid,
    kind: "ENDPOINT",
    workspaceId,
    namespace: ingress.metadata?.namespace ?? "",
    name: ingress.metadata?.name ?? "",
    runtimeName: ingress.metadata?.labels?.[RUNTIME_LABEL] ?? ingress.metadata?.name ?? "",
    runtimeClass: "",
    spans: [{ from, to: endOf(ingress, observedGoneAt), resource: "ENDPOINT", quantity: 1n }],
  };
}
