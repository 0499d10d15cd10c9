import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { ALLOWED_RUNTIME_CLASSES_ANNOTATION } from "@/lib/tenancy/admission-policies";
import {
  INSTANCE_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  RUNTIME_LABEL,
  WORKSPACE_ID_LABEL,
  canopyInstance,
} from "@/lib/tenancy/kube-names";
import { isConflict } from "@/lib/kube/status";

// The cluster side of the metering benchmark: workspace namespaces labelled and annotated as
// the product does (for the rows seedWorkspaceRows makes: seed-w-<n> in ws-seed-<n>), plain
// pods (no Deployment: cheaper to create by the thousand) that the scheduler places on the
// kwok nodes and kwok marks Running, and a clean-up that leaves no pod behind. A workspace's
// admission policies forbid choosing the node (spec.nodeName) and require an allowed runtime
// class, so the pods go through the scheduler with a runtime class like a tenant's: the
// `simulated` class, whose scheduling places them on the kwok nodes (docs/decisions/005).

const core = () => adminApi(k8s.CoreV1Api);
/** The local cluster's class for simulated pods (scripts/stack/manifests/cluster.yaml). */
const RUNTIME_CLASS = "simulated";

/** Runs `fn` over `items` with at most `concurrency` calls in flight. */
export async function pooled<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** Retries a create a few times: a fresh namespace's default ServiceAccount may lag behind it. */
async function retried(what: string, fn: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return;
    } catch (error) {
      if (isConflict(error)) return; // already there
      if (attempt >= 6) throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export const seedNamespace = (n: number) => `ws-seed-${n}`;

export async function createWorkspaceNamespaces(count: number, concurrency: number): Promise<void> {
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  await pooled(numbers, concurrency, (n) =>
    retried(`namespace ${seedNamespace(n)}`, () =>
      core().createNamespace({
        body: {
          metadata: {
            name: seedNamespace(n),
            labels: {
              [WORKSPACE_ID_LABEL]: `seed-w-${n}`,
              [INSTANCE_LABEL]: canopyInstance(),
              [MANAGED_BY_LABEL]: MANAGED_BY,
            },
            annotations: { [ALLOWED_RUNTIME_CLASSES_ANNOTATION]: RUNTIME_CLASS },
          },
        },
      }),
    ),
  );
}

/** A pod with requests (billed per minute while running). */
export function benchPod(name: string): k8s.V1Pod {
  return {
    metadata: { name, labels: { [INSTANCE_LABEL]: canopyInstance(), [RUNTIME_LABEL]: "bench" } },
    spec: {
      runtimeClassName: RUNTIME_CLASS,
      automountServiceAccountToken: false,
      containers: [
        {
          name: "app",
          image: "registry.k8s.io/pause:3.10",
          // A workspace admission policy requires it (kwok pulls nothing).
          imagePullPolicy: "Always",
          resources: { requests: { cpu: "100m", memory: "128Mi" } },
        },
      ],
    },
  };
}

export async function createPod(namespace: string, pod: k8s.V1Pod): Promise<void> {
  await retried(`pod ${namespace}/${pod.metadata!.name}`, () => core().createNamespacedPod({ namespace, body: pod }));
}

/** Waits until every bench pod is Running. */
export async function waitForRunning(timeoutMs: number, log: (msg: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    // resourceVersion "0": served from the API server's watch cache, not a scan of etcd.
    const pending = await core().listPodForAllNamespaces({
      labelSelector: `${INSTANCE_LABEL}=${canopyInstance()}`,
      fieldSelector: "status.phase!=Running",
      resourceVersion: "0",
    });
    if (pending.items.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending.items.length} bench pods still not Running`);
    if (Date.now() - lastLog > 10_000) {
      log(`${pending.items.length} pods not Running yet`);
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** When the first container of a pod started running (kwok sets it when it runs the pod). */
export async function startedAt(namespace: string, name: string): Promise<Date | undefined> {
  const pod = await core().readNamespacedPod({ namespace, name });
  const at = pod.status?.containerStatuses?.[0]?.state?.running?.startedAt;
  return at ? new Date(at) : undefined;
}

/**
 * Deletes the bench pods at once (grace period 0: no kubelet has to confirm, so the API
 * server removes them itself), so that deleting their namespaces afterwards is quick.
 */
export async function deleteBenchPods(concurrency: number): Promise<void> {
  const selector = `${INSTANCE_LABEL}=${canopyInstance()}`;
  const namespaces = await core().listNamespace({ labelSelector: selector });
  await pooled(namespaces.items, concurrency, (ns) =>
    core().deleteCollectionNamespacedPod({ namespace: ns.metadata!.name!, gracePeriodSeconds: 0 }),
  );
}

/** Waits until no bench namespace named `prefix`… is left; false if some still are at the deadline. */
export async function waitForNoBenchNamespaces(prefix: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await core().listNamespace({ labelSelector: `${INSTANCE_LABEL}=${canopyInstance()}` });
    if (!all.items.some((ns) => ns.metadata?.name?.startsWith(prefix))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
