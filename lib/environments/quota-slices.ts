import { QUOTA_KEYS, type OverridableField, type QuotaKey } from "@/lib/quotas/quota-keys";
import type { PlanLimits } from "@/lib/tenancy/workspace-bundle";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-name";

// How a workspace's quota is split between its environments. Pure. Every environment but
// the default one has a stored slice (integers in plan units, one per quota key); the
// default environment gets what the others leave of the workspace's limits (the plan's,
// or an operator's override). So a workspace with only its default environment is exactly
// what it was before environments, a deleted environment's slice goes back to the default,
// and the sum of the slices is the workspace's limit as long as the stored ones fit in it,
// which every write checks under the workspace's lock (lib/environments/move-quota.ts).

export type Slice = Record<QuotaKey, number>;

/** The stored slice columns of a workspace_namespaces row. */
export interface SliceColumns {
  sliceCpuMillis: number;
  sliceMemoryMiB: number;
  sliceStorageGiB: number;
  sliceMaxPods: number;
  sliceMaxVolumes: number;
  sliceMaxServices: number;
}

export const SLICE_COLUMN: Record<QuotaKey, keyof SliceColumns> = {
  cpu: "sliceCpuMillis",
  memory: "sliceMemoryMiB",
  storage: "sliceStorageGiB",
  pods: "sliceMaxPods",
  volumes: "sliceMaxVolumes",
  services: "sliceMaxServices",
};

export const SLICE_SELECT = {
  sliceCpuMillis: true,
  sliceMemoryMiB: true,
  sliceStorageGiB: true,
  sliceMaxPods: true,
  sliceMaxVolumes: true,
  sliceMaxServices: true,
} as const;

export function emptySlice(): Slice {
  return { cpu: 0, memory: 0, storage: 0, pods: 0, volumes: 0, services: 0 };
}

export function storedSlice(row: SliceColumns): Slice {
  return Object.fromEntries(QUOTA_KEYS.map(({ key }) => [key, row[SLICE_COLUMN[key]]])) as Slice;
}

export function sliceColumns(slice: Slice): SliceColumns {
  return Object.fromEntries(QUOTA_KEYS.map(({ key }) => [SLICE_COLUMN[key], slice[key]])) as unknown as SliceColumns;
}

/** The workspace's whole quota, by key. */
export function workspaceTotal(limits: Pick<PlanLimits, OverridableField>): Slice {
  return Object.fromEntries(QUOTA_KEYS.map(({ key, field }) => [key, limits[field]])) as Slice;
}

export interface EnvironmentSliceRow extends SliceColumns {
  environment: string;
}

/**
 * Each environment's slice, by environment name. The default one's is the remainder,
 * never below zero (an operator who lowers a plan below the other slices leaves the
 * default environment with nothing of that key until quota is moved back).
 */
export function slicesOf(limits: Pick<PlanLimits, OverridableField>, rows: EnvironmentSliceRow[]): Map<string, Slice> {
  const total = workspaceTotal(limits);
  const remainder = { ...total };
  const slices = new Map<string, Slice>();
  for (const row of rows) {
    if (row.environment === DEFAULT_ENVIRONMENT) continue;
    const slice = storedSlice(row);
    for (const { key } of QUOTA_KEYS) remainder[key] -= slice[key];
    slices.set(row.environment, slice);
  }
  const defaults = Object.fromEntries(QUOTA_KEYS.map(({ key }) => [key, Math.max(0, remainder[key])])) as Slice;
  return new Map([[DEFAULT_ENVIRONMENT, defaults], ...slices]);
}

/** The keys whose slices add up to more than the workspace's limit (empty when the split fits). */
export function overcommittedKeys(limits: Pick<PlanLimits, OverridableField>, slices: Iterable<Slice>): QuotaKey[] {
  const total = workspaceTotal(limits);
  const sum = emptySlice();
  for (const slice of slices) for (const { key } of QUOTA_KEYS) sum[key] += slice[key];
  return QUOTA_KEYS.filter(({ key }) => sum[key] > total[key]).map(({ key }) => key);
}

/** The limits an environment's namespace is provisioned with: the workspace's, with its slice as the quota. */
export function limitsWithSlice(limits: PlanLimits, slice: Slice): PlanLimits {
  const quota = Object.fromEntries(QUOTA_KEYS.map(({ key, field }) => [field, slice[key]]));
  return { ...limits, ...quota };
}
