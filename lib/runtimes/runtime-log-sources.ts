import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { isNotFound } from "@/lib/kube/status";
import { memberUsername, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";

// Which logs a runtime has: its pods and their containers, read as the member, with what
// each container can show (a running or finished current run, a previous run after a
// restart). The logs page offers these; the log stream reads only from them, so a pod of
// another runtime (or of nothing Canopy made) cannot be named in a log request.

export interface LogContainer {
  name: string;
  state: "running" | "waiting" | "terminated";
  /** Why it waits or how it ended (CrashLoopBackOff, ContainerCreating, Error, OOMKilled). */
  reason: string | null;
  restarts: number;
  /** True when Kubernetes still has the logs of a previous run (after a restart or crash). */
  hasPrevious: boolean;
  /** True when there is a current log to read: the container runs or ran (a crash-looping one shows its last run). */
  hasCurrent: boolean;
}

export interface LogPod {
  name: string;
  phase: string;
  createdAt: string | null;
  containers: LogContainer[];
}

function containerOf(spec: k8s.V1Container, status: k8s.V1ContainerStatus | undefined): LogContainer {
  const state = status?.state;
  const current: LogContainer["state"] = state?.running ? "running" : state?.terminated ? "terminated" : "waiting";
  const hasPrevious = Boolean(status?.lastState?.terminated);
  return {
    name: spec.name,
    state: current,
    reason: state?.waiting?.reason ?? state?.terminated?.reason ?? null,
    restarts: status?.restartCount ?? 0,
    hasPrevious,
    hasCurrent: current !== "waiting" || hasPrevious,
  };
}

function podOf(pod: k8s.V1Pod): LogPod {
  const statuses = pod.status?.containerStatuses ?? [];
  return {
    name: pod.metadata!.name!,
    phase: pod.metadata?.deletionTimestamp ? "Terminating" : (pod.status?.phase ?? "Unknown"),
    createdAt: pod.metadata?.creationTimestamp ? new Date(pod.metadata.creationTimestamp).toISOString() : null,
    containers: (pod.spec?.containers ?? []).map((c) =>
      containerOf(
        c,
        statuses.find((s) => s.name === c.name),
      ),
    ),
  };
}

/** The runtime's pods, newest first, as the member sees them; NOT_FOUND when there is no such runtime. */
export async function listLogSources(context: WorkspaceContext, runtime: string): Promise<LogPod[]> {
  const username = memberUsername(context.membership.id);
  const namespace = context.namespace;
  try {
    const deployment = await memberApi(username, k8s.AppsV1Api).readNamespacedDeployment({ name: runtime, namespace });
    if (!deployment.metadata?.labels?.[RUNTIME_LABEL]) throw AppError.notFound("That runtime");
  } catch (error) {
    if (isNotFound(error)) throw AppError.notFound("That runtime");
    throw error;
  }
  const pods = await memberApi(username, k8s.CoreV1Api).listNamespacedPod({
    namespace,
    labelSelector: `${RUNTIME_LABEL}=${runtime}`,
  });
  return pods.items.map(podOf).sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
}
