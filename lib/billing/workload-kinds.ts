import * as k8s from "@kubernetes/client-node";
import type { HeldWorkloadKind } from "@/lib/db/generated/client";
import { adminApi } from "@/lib/kube/client";

// Every kind of workload a member can make with kubectl, seen the way a billing hold needs:
// whether it runs (or may start to), how to stop it, and how to put back what it ran before.
// Stopping never deletes an object that can be stopped in place: what scales goes to zero
// replicas, Jobs and CronJobs are suspended. A bare Pod cannot be stopped in place, so it is
// deleted (its manifest is kept in PostgreSQL first) and created again on resume.
// Every change carries the object's uid as a precondition: a look-alike made under the same
// name is never touched.

/**
 * Shown on a scaled-down workload (kubectl, the runtimes page) while a hold lasts. Only
 * informational: what to restore is read from PostgreSQL (held_workloads), never from here.
 */
export const SUSPENDED_REPLICAS_ANNOTATION = "canopy.dev/suspended-replicas";

export interface FoundWorkload {
  kind: HeldWorkloadKind;
  name: string;
  uid: string;
  /** The uid in the object's controller reference, if it has one. */
  controller?: string;
  /** Runs, or may start to: replicas above zero, a Job or CronJob not suspended (nor finished), a live Pod. */
  active: boolean;
  replicas?: number;
  pod?: k8s.V1Pod;
}

/** What PostgreSQL remembers of a stopped workload (a held_workloads row). */
export interface HeldRecord {
  kind: HeldWorkloadKind;
  name: string;
  uid: string;
  replicas: number | null;
  manifest: unknown;
}

export interface WorkloadKind {
  list(namespace: string): Promise<FoundWorkload[]>;
  stop(namespace: string, workload: FoundWorkload): Promise<unknown>;
  restore(namespace: string, record: HeldRecord): Promise<unknown>;
}

type Listed = { metadata?: k8s.V1ObjectMeta };
type Page<T> = { items: T[]; metadata?: k8s.V1ListMeta };

async function all<T>(page: (cont: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cont: string | undefined;
  do {
    const next = await page(cont);
    items.push(...next.items);
    cont = next.metadata?._continue || undefined;
  } while (cont);
  return items;
}

const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);
const PAGE = 500;

function identity(kind: HeldWorkloadKind, object: Listed) {
  return {
    kind,
    name: object.metadata!.name!,
    uid: object.metadata!.uid!,
    controller: object.metadata?.ownerReferences?.find((o) => o.controller)?.uid,
  };
}

type Patch = (
  request: { name: string; namespace: string; body: object },
  options: ReturnType<typeof k8s.setHeaderOptions>,
) => Promise<unknown>;

function scalable(
  kind: HeldWorkloadKind,
  list: (request: {
    namespace: string;
    limit: number;
    _continue?: string;
  }) => Promise<Page<Listed & { spec?: { replicas?: number } }>>,
  patch: Patch,
): WorkloadKind {
  return {
    async list(namespace) {
      const items = await all((_continue) => list({ namespace, limit: PAGE, _continue }));
      return items.map((o) => {
        const replicas = o.spec?.replicas ?? 1;
        return { ...identity(kind, o), replicas, active: replicas > 0 };
      });
    },
    stop: (namespace, w) =>
      patch(
        {
          name: w.name,
          namespace,
          body: {
            metadata: { uid: w.uid, annotations: { [SUSPENDED_REPLICAS_ANNOTATION]: String(w.replicas) } },
            spec: { replicas: 0 },
          },
        },
        mergePatch,
      ),
    restore: (namespace, r) =>
      patch(
        {
          name: r.name,
          namespace,
          body: {
            metadata: { uid: r.uid, annotations: { [SUSPENDED_REPLICAS_ANNOTATION]: null } },
            spec: { replicas: r.replicas },
          },
        },
        mergePatch,
      ),
  };
}

function suspendable<T extends Listed & { spec?: { suspend?: boolean } }>(
  kind: HeldWorkloadKind,
  list: (request: { namespace: string; limit: number; _continue?: string }) => Promise<Page<T>>,
  patch: Patch,
  finished: (object: T) => boolean = () => false,
): WorkloadKind {
  const setSuspend = (namespace: string, name: string, uid: string, suspend: boolean) =>
    patch({ name, namespace, body: { metadata: { uid }, spec: { suspend } } }, mergePatch);
  return {
    async list(namespace) {
      const items = await all((_continue) => list({ namespace, limit: PAGE, _continue }));
      return items.map((o) => ({ ...identity(kind, o), active: !o.spec?.suspend && !finished(o) }));
    },
    stop: (namespace, w) => setSuspend(namespace, w.name, w.uid, true),
    restore: (namespace, r) => setSuspend(namespace, r.name, r.uid, false),
  };
}

function jobFinished(job: k8s.V1Job): boolean {
  return Boolean(
    job.status?.conditions?.some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True"),
  );
}

/** Neither finished nor being deleted: it runs, or will once scheduled. */
export function isLivePod(pod: k8s.V1Pod): boolean {
  return !pod.metadata?.deletionTimestamp && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";
}

const SERVICE_ACCOUNT_VOLUME = /^kube-api-access-/;

/**
 * The Pod to create again on resume: what its author gave, without what the cluster filled
 * in (identity, placement, status, the ServiceAccount token volume that admission adds again,
 * the priority admission computes, ephemeral containers, which cannot be set on create).
 */
export function podToRecreate(pod: k8s.V1Pod): k8s.V1Pod {
  const { name, labels, annotations, ownerReferences, finalizers } = pod.metadata ?? {};
  const spec = { ...pod.spec! };
  delete spec.nodeName;
  delete spec.priority;
  delete spec.ephemeralContainers;
  const tokenVolumes = new Set(
    (spec.volumes ?? []).filter((v) => SERVICE_ACCOUNT_VOLUME.test(v.name) && v.projected).map((v) => v.name),
  );
  const mounts = (c: k8s.V1Container) => ({
    ...c,
    ...(c.volumeMounts ? { volumeMounts: c.volumeMounts.filter((m) => !tokenVolumes.has(m.name)) } : {}),
  });
  spec.containers = spec.containers.map(mounts);
  if (spec.initContainers) spec.initContainers = spec.initContainers.map(mounts);
  if (spec.volumes) spec.volumes = spec.volumes.filter((v) => !tokenVolumes.has(v.name));
  return { apiVersion: "v1", kind: "Pod", metadata: { name, labels, annotations, ownerReferences, finalizers }, spec };
}

const pods: WorkloadKind = {
  async list(namespace) {
    const core = adminApi(k8s.CoreV1Api);
    const items = await all((_continue) => core.listNamespacedPod({ namespace, limit: PAGE, _continue }));
    return items.map((pod) => ({ ...identity("POD", pod), active: isLivePod(pod), pod }));
  },
  stop: (namespace, w) =>
    adminApi(k8s.CoreV1Api).deleteNamespacedPod({ name: w.name, namespace, body: { preconditions: { uid: w.uid } } }),
  restore: (namespace, r) => adminApi(k8s.CoreV1Api).createNamespacedPod({ namespace, body: r.manifest as k8s.V1Pod }),
};

/** The kinds, in the order a hold stops them: controllers before what they control. */
export function workloadKinds(): Record<HeldWorkloadKind, WorkloadKind> {
  const apps = adminApi(k8s.AppsV1Api);
  const core = adminApi(k8s.CoreV1Api);
  const batch = adminApi(k8s.BatchV1Api);
  return {
    CRON_JOB: suspendable(
      "CRON_JOB",
      (r) => batch.listNamespacedCronJob(r),
      (r, o) => batch.patchNamespacedCronJob(r, o),
    ),
    DEPLOYMENT: scalable(
      "DEPLOYMENT",
      (r) => apps.listNamespacedDeployment(r),
      (r, o) => apps.patchNamespacedDeployment(r, o),
    ),
    STATEFUL_SET: scalable(
      "STATEFUL_SET",
      (r) => apps.listNamespacedStatefulSet(r),
      (r, o) => apps.patchNamespacedStatefulSet(r, o),
    ),
    REPLICA_SET: scalable(
      "REPLICA_SET",
      (r) => apps.listNamespacedReplicaSet(r),
      (r, o) => apps.patchNamespacedReplicaSet(r, o),
    ),
    REPLICATION_CONTROLLER: scalable(
      "REPLICATION_CONTROLLER",
      (r) => core.listNamespacedReplicationController(r),
      (r, o) => core.patchNamespacedReplicationController(r, o),
    ),
    JOB: suspendable(
      "JOB",
      (r) => batch.listNamespacedJob(r),
      (r, o) => batch.patchNamespacedJob(r, o),
      jobFinished,
    ),
    POD: pods,
  };
}
