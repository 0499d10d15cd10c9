import { QUOTA_KEYS, formatQuotaAmount } from "@/lib/quotas/quota-keys";
import type { EnvironmentSummary } from "@/lib/environments/list-environments";
import { UsageBar } from "@/components/ui/usage-bar";

/** One environment: its namespace, and what it uses of its slice of the quota, key by key. */
export function EnvironmentCard({
  environment,
  children,
}: {
  environment: EnvironmentSummary;
  /** Its controls (rename, delete), for those who may manage environments. */
  children?: React.ReactNode;
}) {
  const { slice, used } = environment;
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold">
          {environment.displayName}{" "}
          <span className="text-sm font-normal text-slate-500">({environment.environment})</span>
        </h3>
        <code className="rounded bg-slate-100 px-1 text-xs break-all">{environment.namespace}</code>
      </div>
      {used ? (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {QUOTA_KEYS.map(({ key, label }) => (
            <UsageBar key={key} label={label} used={used[key]} hard={slice[key]}>
              {formatQuotaAmount(key, used[key])} of {formatQuotaAmount(key, slice[key])}
            </UsageBar>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Its usage could not be read just now; its slice is{" "}
          {QUOTA_KEYS.map(({ key }) => formatQuotaAmount(key, slice[key])).join(", ")}.
        </p>
      )}
      {children}
    </li>
  );
}
