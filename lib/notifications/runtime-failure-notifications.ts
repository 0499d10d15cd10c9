import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { explainRuntime } from "@/lib/runtimes/explain-runtime";
import { podSummary } from "@/lib/runtimes/list-runtimes";
import { MANAGED_BY, MANAGED_BY_LABEL, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";
import { membersWhoCan } from "@/lib/notifications/recipients";
import { notify } from "@/lib/notifications/notify";
import { workspacesByNamespace } from "@/lib/notifications/workspaces-by-namespace";

// Runtime failures: a runtime's pod in a crash loop, or whose container was killed for
// using more memory than its limit. The worker lists the runtimes' pods in one
// label-selected call and notifies the members who run things (runtime.write), in the
// words explain-runtime.ts uses on the runtime's page, once per pod and reason (the key):
// a new pod that fails again notifies again, a pod still failing does not.

const NOTIFIED = new Set(["CrashLoopBackOff", "OOMKilled"]);

export interface RuntimeFailure {
  namespace: string;
  runtime: string;
  podUid: string;
  reason: "CrashLoopBackOff" | "OOMKilled";
  words: string;
}

/** The failures (crash loop, out of memory) among `pods`. */
export function runtimeFailures(pods: k8s.V1Pod[]): RuntimeFailure[] {
  return pods.flatMap((pod) => {
    const runtime = pod.metadata?.labels?.[RUNTIME_LABEL];
    if (!runtime || !pod.metadata?.uid || !pod.metadata.namespace) return [];
    const problems = explainRuntime([podSummary(pod)], []).filter((p) => NOTIFIED.has(p.reason));
    // An out-of-memory kill is what the crash loop is about: one notice, the precise one.
    const problem = problems.find((p) => p.reason === "OOMKilled") ?? problems[0];
    if (!problem) return [];
    return [
      {
        namespace: pod.metadata.namespace,
        runtime,
        podUid: pod.metadata.uid,
        reason: problem.reason as RuntimeFailure["reason"],
        words: problem.words,
      },
    ];
  });
}

/** One pass over every runtime pod; returns how many notifications were new. */
export async function notifyRuntimeFailures(): Promise<number> {
  const list = await adminApi(k8s.CoreV1Api).listPodForAllNamespaces({
    labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY},${RUNTIME_LABEL}`,
    resourceVersion: "0", // from the API server's watch cache: no etcd read for a full list
  });
  const failures = runtimeFailures(list.items);
  const workspaces = await workspacesByNamespace(failures.map((f) => f.namespace));
  let created = 0;
  for (const failure of failures) {
    const workspace = workspaces.get(failure.namespace);
    if (!workspace) continue;
    created += await notify(await membersWhoCan(workspace.id, "runtime.write"), {
      kind: "RUNTIME_FAILURE",
      key: `runtime:${failure.podUid}:${failure.reason}`,
      workspaceId: workspace.id,
      title: `${failure.runtime} in ${workspace.displayName} ${failure.reason === "OOMKilled" ? "ran out of memory" : "keeps crashing"}`,
      body: failure.words,
      href: `/w/${workspace.slug}/runtimes/${encodeURIComponent(failure.runtime)}`,
      subjectType: "runtime",
      subjectId: failure.runtime,
    });
  }
  return created;
}
