import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { statusOf } from "@/lib/kube/status";
import { readResourceQuota, type ResourceQuotaReading } from "@/lib/tenancy/resource-quota";

// How much of its quota a workspace uses, for the overview and billing pages, in base
// units: cores, bytes, counts.

export type QuotaUnit = "cores" | "bytes" | "count";

export interface QuotaUsage {
  /** The ResourceQuota key, e.g. "requests.cpu". */
  resource: string;
  label: string;
  unit: QuotaUnit;
  used: number;
  hard: number;
}

/** The quota lines the console shows (and the quota notifications watch). */
export const QUOTA_LINES: { resource: string; label: string; unit: QuotaUnit }[] = [
  { resource: "requests.cpu", label: "CPU", unit: "cores" },
  { resource: "requests.memory", label: "Memory", unit: "bytes" },
  { resource: "requests.storage", label: "Storage", unit: "bytes" },
  { resource: "pods", label: "Pods", unit: "count" },
  { resource: "persistentvolumeclaims", label: "Volumes", unit: "count" },
  { resource: "services", label: "Services", unit: "count" },
];

export async function getQuotaUsage(context: WorkspaceContext): Promise<QuotaUsage[]> {
  if (!can(context.membership.role, "quota.read")) throw AppError.forbidden();
  let quota: ResourceQuotaReading;
  try {
    quota = await readResourceQuota(context);
  } catch (error) {
    // Not an answer from the API server at all: it is unreachable.
    if (!statusOf(error)) {
      throw new AppError("UNAVAILABLE", "The cluster cannot be reached right now.", { cause: error });
    }
    throw toAppError(error);
  }
  // The limits as set (spec); status.hard trails a change to the plan by a moment.
  const hard = { ...quota.hard, ...quota.spec };
  return QUOTA_LINES.filter(({ resource }) => hard[resource] !== undefined).map((line) => ({
    ...line,
    hard: hard[line.resource]!,
    // The quota controller fills in usage shortly after the quota is created.
    used: quota.used[line.resource] ?? 0,
  }));
}
