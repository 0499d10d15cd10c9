import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { impersonatingKubeConfig } from "@/lib/kube/client";
import { memberUsername } from "@/lib/tenancy/kube-names";

// Tells a terminal session that its pod is going away: deleted, or shutting down (a
// deletion timestamp is set), which is when the session stops being useful, rather than
// when the container's grace period finally runs out. One watch on the one pod, as the
// member; a watch the API server ends is opened again until the caller stops it.

const RESTART_DELAY_MS = 1_000;

export function watchPodGone(context: WorkspaceContext, pod: string, onGone: () => void): () => void {
  const watch = new k8s.Watch(impersonatingKubeConfig(memberUsername(context.membership.id)));
  const path = `/api/v1/namespaces/${encodeURIComponent(context.namespace)}/pods`;
  let stopped = false;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const gone = () => {
    if (stopped) return;
    stop();
    onGone();
  };
  const start = async () => {
    if (stopped) return;
    controller = await watch.watch(
      path,
      { fieldSelector: `metadata.name=${pod}` },
      (type, object: k8s.V1Pod) => {
        if (type === "DELETED" || (type !== "ERROR" && object.metadata?.deletionTimestamp)) gone();
      },
      () => {
        // The watch ended (a server timeout, a dropped connection): open it again.
        if (!stopped) timer = setTimeout(() => void start(), RESTART_DELAY_MS);
      },
    );
    if (stopped) controller.abort();
  };
  function stop() {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  }

  void start();
  return stop;
}
