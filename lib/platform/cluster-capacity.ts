import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { INSTANCE_LABEL, QUOTA_NAME, RUNTIME_LABEL, canopyInstance } from "@/lib/tenancy/kube-names";

// What the cluster can give against what this installation's quotas promise, for the
// operator's overview: the nodes' allocatable CPU and memory, the sum of every workspace's
// quota (spec.hard: what provisioning promised, plan and overrides alike) and what the
// quotas count as used, and how many runtimes run. Read with the portal's own identity (an
// operator's view, not a tenant's), in one label-selected list per kind.

export interface CapacityLine {
  /** Allocatable on all nodes (cores, bytes). */
  allocatable: number;
  /** Promised by every workspace's quota (requests). */
  promised: number;
  /** Requested by what runs now, as the quotas count it. */
  used: number;
  /** promised / allocatable; above 1 the platform is overcommitted. Null without capacity. */
  overcommit: number | null;
}

export interface ClusterCapacity {
  nodes: number;
  readyNodes: number;
  cpu: CapacityLine;
  memory: CapacityLine;
  runtimes: { total: number; running: number };
}

function line(allocatable: number, promised: number, used: number): CapacityLine {
  return { allocatable, promised, used, overcommit: allocatable > 0 ? promised / allocatable : null };
}

function quantity(values: Record<string, string> | undefined, key: string): number {
  const value = values?.[key];
  return value ? parseQuantity(value) : 0;
}

export async function readClusterCapacity(): Promise<ClusterCapacity> {
  const instance = `${INSTANCE_LABEL}=${canopyInstance()}`;
  const core = adminApi(k8s.CoreV1Api);
  const [nodes, quotas, deployments] = await Promise.all([
    core.listNode(),
    core.listResourceQuotaForAllNamespaces({ labelSelector: instance, fieldSelector: `metadata.name=${QUOTA_NAME}` }),
    adminApi(k8s.AppsV1Api).listDeploymentForAllNamespaces({ labelSelector: `${instance},${RUNTIME_LABEL}` }),
  ]);
  let cpu = 0;
  let memory = 0;
  let ready = 0;
  for (const node of nodes.items) {
    if (node.spec?.unschedulable) continue;
    cpu += quantity(node.status?.allocatable, "cpu");
    memory += quantity(node.status?.allocatable, "memory");
    if (node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) ready++;
  }
  let promisedCpu = 0;
  let promisedMemory = 0;
  let usedCpu = 0;
  let usedMemory = 0;
  for (const quota of quotas.items) {
    promisedCpu += quantity(quota.spec?.hard, "requests.cpu");
    promisedMemory += quantity(quota.spec?.hard, "requests.memory");
    usedCpu += quantity(quota.status?.used, "requests.cpu");
    usedMemory += quantity(quota.status?.used, "requests.memory");
  }
  return {
    nodes: nodes.items.length,
    readyNodes: ready,
    cpu: line(cpu, promisedCpu, usedCpu),
    memory: line(memory, promisedMemory, usedMemory),
    runtimes: {
      total: deployments.items.length,
      running: deployments.items.filter((d) => (d.status?.readyReplicas ?? 0) > 0).length,
    },
  };
}
