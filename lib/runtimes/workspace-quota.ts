import type { WorkspaceContext } from "@/lib/authz/context";
import type { FieldErrors } from "@/lib/errors/app-error";
import { formatCpu, formatMemory } from "@/lib/runtimes/format-quantity";
import { readResourceQuota, type QuotaAmount, type ResourceQuotaReading } from "@/lib/tenancy/resource-quota";

// The workspace's ResourceQuota in the units the forms use (millicores, MiB, counts), and
// the check that turns "would exceed" into a sentence naming the limit and what is left.

export type { QuotaAmount };

export interface WorkspaceQuota {
  cpuMillis: QuotaAmount;
  memoryMiB: QuotaAmount;
  pods: QuotaAmount;
  services: QuotaAmount;
}

export interface RuntimeFootprint {
  cpuMillis: number;
  memoryMiB: number;
  pods: number;
  services: number;
}

export const NO_FOOTPRINT: RuntimeFootprint = { cpuMillis: 0, memoryMiB: 0, pods: 0, services: 0 };

export { formatCpu, formatMemory };

/** One quota key in the form's unit (`unit` base units each), as the quota controller counts it. */
function amount(quota: ResourceQuotaReading, key: string, unit: number): QuotaAmount {
  return { used: Math.round((quota.used[key] ?? 0) / unit), hard: Math.round((quota.hard[key] ?? 0) / unit) };
}

export async function readWorkspaceQuota(context: WorkspaceContext): Promise<WorkspaceQuota> {
  const quota = await readResourceQuota(context);
  return {
    cpuMillis: amount(quota, "requests.cpu", 0.001),
    memoryMiB: amount(quota, "requests.memory", 2 ** 20),
    pods: amount(quota, "pods", 1),
    services: amount(quota, "services", 1),
  };
}

/**
 * Field errors for every limit the change would exceed. `current` is what the runtime
 * uses now (zero for a new one), so an update only needs room for the difference.
 */
export function quotaProblems(
  quota: WorkspaceQuota,
  wanted: RuntimeFootprint,
  current: RuntimeFootprint = NO_FOOTPRINT,
  replicas = 1,
): FieldErrors {
  const problems: FieldErrors = {};
  const left = (key: keyof WorkspaceQuota) => quota[key].hard - quota[key].used + current[key];
  const per = replicas > 1 ? ` (${replicas} replicas)` : "";
  if (wanted.cpuMillis > left("cpuMillis")) {
    problems.cpu = [
      `${formatCpu(wanted.cpuMillis)}${per} exceeds the ${formatCpu(Math.max(0, left("cpuMillis")))} left in this workspace's quota.`,
    ];
  }
  if (wanted.memoryMiB > left("memoryMiB")) {
    problems.memory = [
      `${formatMemory(wanted.memoryMiB)}${per} exceeds the ${formatMemory(Math.max(0, left("memoryMiB")))} of memory left in this workspace's quota.`,
    ];
  }
  if (wanted.pods > left("pods")) {
    problems.replicas = [
      `${wanted.pods} pods exceed the ${Math.max(0, left("pods"))} pods left in this workspace's quota.`,
    ];
  }
  if (wanted.services > left("services")) {
    problems.ports = [`This workspace has no Services left in its quota (limit ${quota.services.hard}).`];
  }
  return problems;
}

export function footprintOf(spec: {
  cpu: number;
  memory: number;
  replicas: number;
  ports: unknown[];
}): RuntimeFootprint {
  return {
    cpuMillis: spec.cpu * spec.replicas,
    memoryMiB: spec.memory * spec.replicas,
    pods: spec.replicas,
    services: spec.ports.length > 0 ? 1 : 0,
  };
}
