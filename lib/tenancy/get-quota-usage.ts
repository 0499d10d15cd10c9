import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { memberUsername } from "@/lib/tenancy/kube-names";

// How much of its quota a workspace uses, read from the ResourceQuota's status as the
// member (every role may read quotas), in base units: cores, bytes, counts.

export type QuotaUnit = "cores" | "bytes" | "count";

export interface QuotaUsage {
  /** The ResourceQuota key, e.g. "requests.cpu". */
  resource: string;
  label: string;
  unit: QuotaUnit;
  used: number;
  hard: number;
}

const QUOTA_NAME = "canopy-quota";

const SHOWN: { resource: string; label: string; unit: QuotaUnit }[] = [
  { resource: "requests.cpu", label: "CPU", unit: "cores" },
  { resource: "requests.memory", label: "Memory", unit: "bytes" },
  { resource: "requests.storage", label: "Storage", unit: "bytes" },
  { resource: "pods", label: "Pods", unit: "count" },
  { resource: "persistentvolumeclaims", label: "Volumes", unit: "count" },
  { resource: "services", label: "Services", unit: "count" },
];

export async function getQuotaUsage(context: WorkspaceContext): Promise<QuotaUsage[]> {
  if (!can(context.membership.role, "quota.read")) throw AppError.forbidden();
  const core = memberApi(memberUsername(context.membership.id), k8s.CoreV1Api);
  let quota: k8s.V1ResourceQuota;
  try {
    quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace: context.namespace });
  } catch (error) {
    // Not an answer from the API server at all: it is unreachable.
    if (!(error instanceof k8s.ApiException)) {
      throw new AppError("UNAVAILABLE", "The cluster cannot be reached right now.", { cause: error });
    }
    throw toAppError(error);
  }
  // The limits as set (spec); status.hard trails a change to the plan by a moment.
  const hard = { ...quota.status?.hard, ...quota.spec?.hard };
  const used = quota.status?.used ?? {};
  return SHOWN.filter(({ resource }) => hard[resource] !== undefined).map((line) => ({
    ...line,
    hard: parseQuantity(hard[line.resource]!),
    // The quota controller fills in usage shortly after the quota is created.
    used: used[line.resource] === undefined ? 0 : parseQuantity(used[line.resource]!),
  }));
}
