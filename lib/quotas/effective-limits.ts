import type { PlanLimits } from "@/lib/tenancy/workspace-bundle";
import { QUOTA_KEYS, type OverridableField, type QuotaKey } from "@/lib/quotas/quota-keys";

// A workspace's limits: its plan's, with any per-workspace override (an approved
// quota-increase request, or an operator's) in place of the plan's figure. The bundle's
// ResourceQuota and LimitRange are built from these.

export type QuotaOverride = { [F in OverridableField]?: number | null };

export function effectiveLimits<P extends Pick<PlanLimits, OverridableField>>(
  plan: P,
  override: QuotaOverride | null | undefined,
): P {
  if (!override) return plan;
  const limits = { ...plan };
  for (const { field } of QUOTA_KEYS) {
    const value = override[field];
    if (typeof value === "number") limits[field] = value;
  }
  return limits;
}

/** The limit of each quota key, from a plan (or effective limits). */
export function limitsByKey(limits: Pick<PlanLimits, OverridableField>): Record<QuotaKey, number> {
  return Object.fromEntries(QUOTA_KEYS.map(({ key, field }) => [key, limits[field]])) as Record<QuotaKey, number>;
}
