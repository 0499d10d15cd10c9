import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { SUSPENDED_REPLICAS_ANNOTATION } from "@/lib/billing/suspend-runtimes";
import { STOPPED_REPLICAS_ANNOTATION } from "@/lib/runtimes/runtime-manifests";
import { memberUsername, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";
import { isNotFound } from "@/lib/kube/status";

// Runtimes as the member sees them through the API server (the cluster is the source of
// truth for what runs): Deployments labelled as runtimes, with their pods and events.

export type RuntimePhase = "Running" | "Starting" | "Updating" | "Stopped" | "Suspended" | "Failing" | "Deleting";

export interface RuntimePod {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  node: string | null;
  /** Why the pod is not running as asked (CrashLoopBackOff, ImagePullBackOff, Unschedulable, ...). */
  reason: string | null;
  /** The runtime's or the scheduler's own words about that reason (e.g. the pull error). */
  message: string | null;
  /** How the container's previous run ended, when it ended badly (OOMKilled, Error). */
  lastExit: string | null;
}

export interface RuntimeSummary {
  name: string;
  image: string;
  runtimeClass: string;
  cpuMillis: number;
  memoryMiB: number;
  desired: number;
  ready: number;
  updated: number;
  restarts: number;
  phase: RuntimePhase;
  ports: number[];
  host: string | null;
  volumes: { claimName: string; mountPath: string }[];
  env: { name: string; value: string; secret: boolean }[];
  command: string[];
  args: string[];
  stoppedReplicas: number | null;
  createdAt: string | null;
  pods: RuntimePod[];
}

export interface RuntimeEvent {
  type: string;
  reason: string;
  message: string;
  object: string;
  at: string | null;
  count: number;
}

const FAILING_REASONS = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "ErrImagePull",
  "InvalidImageName",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
]);

function lastExitOf(status: k8s.V1ContainerStatus | undefined): string | null {
  const ended = status?.state?.terminated ?? status?.lastState?.terminated;
  if (!ended || (ended.exitCode === 0 && ended.reason === "Completed")) return null;
  return ended.reason ? `${ended.reason} (exit code ${ended.exitCode})` : `exit code ${ended.exitCode}`;
}

export function podSummary(pod: k8s.V1Pod): RuntimePod {
  const statuses = pod.status?.containerStatuses ?? [];
  const waitingStatus = statuses.find((s) => s.state?.waiting?.reason);
  const waiting = waitingStatus?.state?.waiting?.reason ?? null;
  const unschedulable = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  return {
    name: pod.metadata!.name!,
    phase: pod.metadata?.deletionTimestamp ? "Terminating" : (pod.status?.phase ?? "Unknown"),
    ready: pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
    node: pod.spec?.nodeName ?? null,
    reason: waiting ?? unschedulable?.reason ?? pod.status?.reason ?? null,
    message: waitingStatus?.state?.waiting?.message ?? unschedulable?.message ?? pod.status?.message ?? null,
    lastExit: lastExitOf(waitingStatus ?? statuses[0]),
  };
}

function phaseOf(desired: number, ready: number, updated: number, pods: RuntimePod[]): RuntimePhase {
  if (desired === 0) return "Stopped";
  if (pods.some((p) => p.reason && FAILING_REASONS.has(p.reason))) return "Failing";
  if (ready >= desired && updated >= desired) return "Running";
  if (updated < desired) return "Updating";
  return "Starting";
}

function summarize(deployment: k8s.V1Deployment, pods: k8s.V1Pod[], ingresses: k8s.V1Ingress[]): RuntimeSummary {
  const name = deployment.metadata!.name!;
  const template = deployment.spec!.template.spec!;
  const container = template.containers[0]!;
  const requests = container.resources?.requests ?? {};
  const own = pods.filter((p) => p.metadata?.labels?.[RUNTIME_LABEL] === name).map(podSummary);
  const desired = deployment.spec?.replicas ?? 0;
  const ready = deployment.status?.readyReplicas ?? 0;
  const updated = deployment.status?.updatedReplicas ?? 0;
  const stopped = deployment.metadata?.annotations?.[STOPPED_REPLICAS_ANNOTATION];
  const suspended = deployment.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION] !== undefined;
  const ingress = ingresses.find((i) => i.metadata?.labels?.[RUNTIME_LABEL] === name);
  return {
    name,
    image: container.image ?? "",
    runtimeClass: template.runtimeClassName ?? "",
    cpuMillis: requests.cpu ? Math.round(parseQuantity(requests.cpu) * 1000) : 0,
    memoryMiB: requests.memory ? Math.round(parseQuantity(requests.memory) / 2 ** 20) : 0,
    desired,
    ready,
    updated,
    restarts: own.reduce((sum, p) => sum + p.restarts, 0),
    // Scaled to zero by the billing worker for lack of credit; it resumes on its own.
    phase: deployment.metadata?.deletionTimestamp
      ? "Deleting"
      : suspended && desired === 0
        ? "Suspended"
        : phaseOf(desired, ready, updated, own),
    ports: (container.ports ?? []).map((p) => p.containerPort),
    host: ingress?.spec?.rules?.[0]?.host ?? null,
    volumes: (container.volumeMounts ?? []).map((m) => ({
      claimName: template.volumes?.find((v) => v.name === m.name)?.persistentVolumeClaim?.claimName ?? m.name,
      mountPath: m.mountPath,
    })),
    // Secret values stay in the cluster: only their names are shown.
    env: (container.env ?? []).map((e) => ({
      name: e.name,
      value: e.valueFrom ? "" : (e.value ?? ""),
      secret: Boolean(e.valueFrom),
    })),
    command: container.command ?? [],
    args: container.args ?? [],
    stoppedReplicas: stopped ? Number(stopped) : null,
    createdAt: deployment.metadata?.creationTimestamp
      ? new Date(deployment.metadata.creationTimestamp).toISOString()
      : null,
    pods: own,
  };
}

export async function listRuntimes(context: WorkspaceContext): Promise<RuntimeSummary[]> {
  const username = memberUsername(context.membership.id);
  const namespace = context.namespace;
  const labelSelector = RUNTIME_LABEL;
  const [deployments, pods, ingresses] = await Promise.all([
    memberApi(username, k8s.AppsV1Api).listNamespacedDeployment({ namespace, labelSelector }),
    memberApi(username, k8s.CoreV1Api).listNamespacedPod({ namespace, labelSelector }),
    memberApi(username, k8s.NetworkingV1Api).listNamespacedIngress({ namespace, labelSelector }),
  ]);
  return deployments.items
    .map((d) => summarize(d, pods.items, ingresses.items))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The runtimes' names only: one list of Deployments as the member (no pods, no ingresses). */
export async function listRuntimeNames(context: WorkspaceContext): Promise<string[]> {
  const deployments = await memberApi(memberUsername(context.membership.id), k8s.AppsV1Api).listNamespacedDeployment({
    namespace: context.namespace,
    labelSelector: RUNTIME_LABEL,
  });
  return deployments.items.map((d) => d.metadata!.name!).sort((a, b) => a.localeCompare(b));
}

export async function getRuntime(
  context: WorkspaceContext,
  name: string,
): Promise<{ runtime: RuntimeSummary; events: RuntimeEvent[] }> {
  const username = memberUsername(context.membership.id);
  const namespace = context.namespace;
  const labelSelector = `${RUNTIME_LABEL}=${name}`;
  let deployment: k8s.V1Deployment;
  try {
    deployment = await memberApi(username, k8s.AppsV1Api).readNamespacedDeployment({ name, namespace });
  } catch (error) {
    if (isNotFound(error)) throw AppError.notFound("That runtime");
    throw error;
  }
  if (!deployment.metadata?.labels?.[RUNTIME_LABEL]) throw AppError.notFound("That runtime");
  const core = memberApi(username, k8s.CoreV1Api);
  const [pods, ingresses, events] = await Promise.all([
    core.listNamespacedPod({ namespace, labelSelector }),
    memberApi(username, k8s.NetworkingV1Api).listNamespacedIngress({ namespace, labelSelector }),
    core.listNamespacedEvent({ namespace }),
  ]);
  const runtime = summarize(deployment, pods.items, ingresses.items);
  const related = new Set([name, ...runtime.pods.map((p) => p.name)]);
  const recent = events.items
    .filter((e) => related.has(e.involvedObject.name ?? "") || (e.involvedObject.name ?? "").startsWith(`${name}-`))
    .map((e) => ({
      type: e.type ?? "Normal",
      reason: e.reason ?? "",
      message: e.message ?? "",
      object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
      at:
        (e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp)
          ? new Date((e.lastTimestamp ?? e.eventTime ?? e.metadata!.creationTimestamp)!).toISOString()
          : null,
      count: e.count ?? 1,
    }))
    .sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""))
    .slice(0, 20);
  return { runtime, events: recent };
}
