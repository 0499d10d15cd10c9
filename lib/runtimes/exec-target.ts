import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { isNotFound } from "@/lib/kube/status";
import { memberUsername, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";

// Which container a terminal opens in. The pod name from the browser is never trusted:
// the pod is looked up as the member, only in the workspace's own namespace (derived on
// the server), and must be owned by the named runtime's Deployment through one of its
// ReplicaSets. A label alone would not do: a developer may label any pod of their own.

export interface ExecTarget {
  runtime: string;
  pod: string;
  container: string;
}

export interface ExecRequest {
  runtime: string;
  pod?: string;
  container?: string;
}

function controllerUid(object: { metadata?: k8s.V1ObjectMeta }, kind: string): string | undefined {
  return object.metadata?.ownerReferences?.find((o) => o.controller && o.kind === kind)?.uid;
}

function created(pod: k8s.V1Pod): number {
  return pod.metadata?.creationTimestamp ? new Date(pod.metadata.creationTimestamp).getTime() : 0;
}

function isRunning(pod: k8s.V1Pod): boolean {
  return pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp;
}

/** The runtime's own pods, newest first: those whose ReplicaSet belongs to its Deployment. */
async function runtimePods(context: WorkspaceContext, runtime: string): Promise<k8s.V1Pod[]> {
  const username = memberUsername(context.membership.id);
  const namespace = context.namespace;
  const apps = memberApi(username, k8s.AppsV1Api);
  let deployment: k8s.V1Deployment;
  try {
    deployment = await apps.readNamespacedDeployment({ name: runtime, namespace });
  } catch (error) {
    if (isNotFound(error)) throw AppError.notFound("That runtime");
    throw error;
  }
  if (deployment.metadata?.labels?.[RUNTIME_LABEL] !== runtime) throw AppError.notFound("That runtime");
  const labelSelector = `${RUNTIME_LABEL}=${runtime}`;
  const [replicaSets, pods] = await Promise.all([
    apps.listNamespacedReplicaSet({ namespace, labelSelector }),
    memberApi(username, k8s.CoreV1Api).listNamespacedPod({ namespace, labelSelector }),
  ]);
  const owned = new Set(
    replicaSets.items
      .filter((rs) => controllerUid(rs, "Deployment") === deployment.metadata?.uid)
      .map((rs) => rs.metadata?.uid),
  );
  return pods.items
    .filter((pod) => owned.has(controllerUid(pod, "ReplicaSet")))
    .sort((a, b) => created(b) - created(a));
}

/**
 * The container to open a shell in: the pod asked for, if it is one of the runtime's own
 * and running, else the runtime's newest running pod; the container asked for, else the
 * pod's first.
 */
export async function resolveExecTarget(context: WorkspaceContext, request: ExecRequest): Promise<ExecTarget> {
  const pods = await runtimePods(context, request.runtime);
  const pod = request.pod ? pods.find((p) => p.metadata?.name === request.pod) : pods.find(isRunning);
  if (!pod) {
    throw request.pod
      ? AppError.notFound(`Pod ${request.pod} of runtime ${request.runtime}`)
      : AppError.notFound(`A running pod of runtime ${request.runtime}`);
  }
  if (!isRunning(pod)) {
    throw new AppError("NOT_FOUND", `Pod ${pod.metadata!.name} is not running.`);
  }
  const containers = pod.spec?.containers.map((c) => c.name) ?? [];
  const container = request.container ?? containers[0];
  if (!container || !containers.includes(container)) {
    throw AppError.notFound(`Container ${request.container ?? "app"} of pod ${pod.metadata!.name}`);
  }
  return { runtime: request.runtime, pod: pod.metadata!.name!, container };
}
