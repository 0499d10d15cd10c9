import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { impersonatingKubeConfig } from "@/lib/kube/client";
import { memberUsername, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";

// Live changes to a workspace's runtimes: watches on its Deployments and pods, opened as
// the member (RBAC decides what they may watch), coalesced into one notice per burst so
// a rollout of ten pods is one refresh, not forty.

export interface RuntimeWatch {
  signal: AbortSignal;
  /** Names of the runtimes that changed since the last notice. */
  onChange: (names: string[]) => void;
  /** Called once, when a watch ends or fails or `signal` aborts; the caller starts over. */
  onEnd: (error?: unknown) => void;
  coalesceMs?: number;
}

export async function watchRuntimes(
  context: WorkspaceContext,
  { signal, onChange, onEnd, coalesceMs = 300 }: RuntimeWatch,
): Promise<void> {
  const watch = new k8s.Watch(impersonatingKubeConfig(memberUsername(context.membership.id)));
  const namespace = encodeURIComponent(context.namespace);
  const controllers: AbortController[] = [];
  const changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    for (const controller of controllers) controller.abort();
    onEnd(error ?? undefined);
  };
  const flush = () => {
    timer = undefined;
    const names = [...changed];
    changed.clear();
    if (!ended && names.length) onChange(names);
  };
  const onEvent = (type: string, object: k8s.KubernetesObject | k8s.V1Status) => {
    // An ERROR event (e.g. 410 Gone: the resource version is too old) ends this watch.
    if (type === "ERROR") return end(new Error(`watch error: ${(object as k8s.V1Status).message ?? "unknown"}`));
    const name = (object as k8s.KubernetesObject).metadata?.labels?.[RUNTIME_LABEL];
    if (!name) return;
    changed.add(name);
    timer ??= setTimeout(flush, coalesceMs);
  };

  if (signal.aborted) return end();
  signal.addEventListener("abort", () => end(), { once: true });
  const paths = [`/apis/apps/v1/namespaces/${namespace}/deployments`, `/api/v1/namespaces/${namespace}/pods`];
  await Promise.all(
    paths.map(async (path) => {
      const controller = await watch.watch(path, { labelSelector: RUNTIME_LABEL }, onEvent, (error) => end(error));
      controllers.push(controller);
      if (ended) controller.abort();
    }),
  );
}
