import * as k8s from "@kubernetes/client-node";
import { expect } from "@playwright/test";
import { grantCredit } from "@/lib/billing/credits";
import { enforcementPass } from "@/lib/billing/enforcement";
import { standingOf } from "@/lib/billing/standing";
import { adminApi } from "@/lib/kube/client";
import { sandboxedPod, stackImage } from "../../tests/support/real-node";
import { apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed } from "./fixtures/refusals";
import { type TestWorkspace } from "./fixtures/workspaces";

// Workloads of every kind a member can make with kubectl, as plain manifests (none carries
// Canopy's labels), what the cluster says of them, and the billing hold switched on and off
// the way the worker's enforcement pass does it.

/**
 * A pod that passes Pod Security "restricted" and runs on the real node (gVisor), pulling its
 * image every time (which a workspace may require).
 */
function podOf(app: string, labels: Record<string, string> = { app }): k8s.V1Pod {
  const pod = sandboxedPod(app, stackImage("pause:3.10.1"), { labels });
  pod.spec!.containers = pod.spec!.containers.map((c) => ({ ...c, imagePullPolicy: "Always" }));
  return pod;
}

function template(app: string, restartPolicy?: string) {
  const spec = podOf(app).spec!;
  return { metadata: { labels: { app } }, spec: restartPolicy ? { ...spec, restartPolicy } : spec };
}

const selector = (app: string) => ({ matchLabels: { app } });

export interface Workload {
  group: string;
  resource: string;
  body: Record<string, unknown>;
}

export const workload = {
  deployment: (name: string, replicas: number, labels: Record<string, string> = {}): Workload => ({
    group: "apps",
    resource: "deployments",
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, labels },
      spec: { replicas, selector: selector(name), template: template(name) },
    },
  }),
  statefulSet: (name: string, replicas: number): Workload => ({
    group: "apps",
    resource: "statefulsets",
    body: {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name },
      spec: { replicas, serviceName: name, selector: selector(name), template: template(name) },
    },
  }),
  replicaSet: (name: string, replicas: number): Workload => ({
    group: "apps",
    resource: "replicasets",
    body: {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name },
      spec: { replicas, selector: selector(name), template: template(name) },
    },
  }),
  replicationController: (name: string, replicas: number): Workload => ({
    group: "",
    resource: "replicationcontrollers",
    body: {
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name },
      spec: { replicas, selector: { app: name }, template: template(name) },
    },
  }),
  job: (name: string, suspend = false): Workload => ({
    group: "batch",
    resource: "jobs",
    body: {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name },
      spec: { suspend, backoffLimit: 0, template: template(name, "Never") },
    },
  }),
  cronJob: (name: string, suspend = false): Workload => ({
    group: "batch",
    resource: "cronjobs",
    body: {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name },
      // Once a year: the CronJob is here for its spec.suspend, not for its Jobs.
      spec: {
        schedule: "0 0 1 1 *",
        suspend,
        jobTemplate: { spec: { backoffLimit: 0, template: template(name, "Never") } },
      },
    },
  }),
  /** As `kubectl run` makes one: the ServiceAccount token is mounted. */
  pod: (name: string): Workload => {
    const pod = podOf(name, { app: name, kept: "yes" });
    delete pod.spec!.automountServiceAccountToken;
    return { group: "", resource: "pods", body: pod as Record<string, unknown> };
  },
};

/** POSTs the workload with the member's kubeconfig. */
export function create(kube: MemberKube, w: Workload) {
  return kube.request("POST", apiPath(w.group, w.resource, { namespace: kube.namespace }), w.body);
}

const apps = () => adminApi(k8s.AppsV1Api);
const core = () => adminApi(k8s.CoreV1Api);
const batch = () => adminApi(k8s.BatchV1Api);

const byName = <T extends { metadata?: k8s.V1ObjectMeta }, V>(items: T[], value: (item: T) => V) =>
  Object.fromEntries(items.map((item) => [item.metadata!.name!, value(item)]));

/**
 * What runs in the namespace, as the cluster says: replicas of everything that scales
 * (ReplicaSets a Deployment owns are its business), whether Jobs and CronJobs are
 * suspended, and the bare pods with what they run.
 */
export async function workloadState(namespace: string) {
  const [deployments, statefulSets, replicaSets, controllers, jobs, cronJobs, pods] = await Promise.all([
    apps().listNamespacedDeployment({ namespace }),
    apps().listNamespacedStatefulSet({ namespace }),
    apps().listNamespacedReplicaSet({ namespace }),
    core().listNamespacedReplicationController({ namespace }),
    batch().listNamespacedJob({ namespace }),
    batch().listNamespacedCronJob({ namespace }),
    core().listNamespacedPod({ namespace }),
  ]);
  const live = (pod: k8s.V1Pod) =>
    !pod.metadata?.deletionTimestamp && !["Succeeded", "Failed"].includes(pod.status?.phase ?? "");
  return {
    deployments: byName(deployments.items, (d) => d.spec?.replicas),
    statefulSets: byName(statefulSets.items, (s) => s.spec?.replicas),
    replicaSets: byName(
      replicaSets.items.filter((r) => !r.metadata?.ownerReferences?.length),
      (r) => r.spec?.replicas,
    ),
    replicationControllers: byName(controllers.items, (r) => r.spec?.replicas),
    jobs: byName(jobs.items, (j) => j.spec?.suspend ?? false),
    cronJobs: byName(cronJobs.items, (c) => c.spec?.suspend ?? false),
    barePods: byName(
      pods.items.filter((p) => !p.metadata?.ownerReferences?.length && live(p)),
      (p) => ({ labels: p.metadata?.labels, containers: p.spec?.containers.map((c) => `${c.name} ${c.image}`) }),
    ),
  };
}

/** Pods that run or are about to: neither finished nor being deleted. */
export async function livePods(namespace: string): Promise<k8s.V1Pod[]> {
  const pods = await core().listNamespacedPod({ namespace });
  return pods.items.filter(
    (p) => !p.metadata?.deletionTimestamp && !["Succeeded", "Failed"].includes(p.status?.phase ?? ""),
  );
}

/** Pods Running with every container ready. */
export async function runningPods(namespace: string): Promise<number> {
  return (await livePods(namespace)).filter((p) =>
    p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
  ).length;
}

/** The balance used up, then one enforcement pass with no grace period: the workspace is suspended. */
export async function suspend(workspace: TestWorkspace): Promise<void> {
  const { balance } = await standingOf(workspace.id);
  if (balance > 0n) {
    await grantCredit({
      workspaceSlug: workspace.slug,
      kind: "ADJUSTMENT",
      amountMicros: -balance,
      note: "isolation suite: use it all",
      grantedBy: "test",
    });
  }
  const result = await enforcementPass(new Date(), { graceMinutes: 0, workspaceIds: [workspace.id] });
  expect(result.suspended).toEqual([workspace.id]);
}

/** Credit granted, then one enforcement pass: the workspace resumes. */
export async function resume(workspace: TestWorkspace): Promise<void> {
  await grantCredit({ workspaceSlug: workspace.slug, amountMicros: 10_000_000n, note: "top-up", grantedBy: "test" });
  const result = await enforcementPass(new Date(), { graceMinutes: 0, workspaceIds: [workspace.id] });
  expect(result.resumed).toEqual([workspace.id]);
}

export function expectCreated(response: Awaited<ReturnType<typeof create>>, what: string) {
  expectAllowed(response, what, [201]);
}
