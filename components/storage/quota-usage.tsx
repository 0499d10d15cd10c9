import type { StorageQuota, Usage } from "@/lib/storage/storage-quota";
import { formatBytes } from "@/lib/storage/size";

// Used against limit for the two quotas a volume draws on, as text (what screen readers
// read) with a bar beside it for the eye.
function Meter({ label, usage, format }: { label: string; usage: Usage; format: (n: number) => string }) {
  const share = usage.hard > 0 ? Math.min(1, usage.used / usage.hard) : 1;
  const full = usage.used >= usage.hard;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className={full ? "font-medium text-red-700" : "text-slate-600"}>
          {format(usage.used)} of {format(usage.hard)} used
        </span>
      </div>
      <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div
          className={`h-full rounded-full ${full ? "bg-red-500" : share > 0.8 ? "bg-amber-500" : "bg-brand-600"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}

export function QuotaUsage({ quota, stacked = false }: { quota: StorageQuota | null; stacked?: boolean }) {
  if (!quota) return <p className="text-sm text-slate-600">This workspace&apos;s quota is not available yet.</p>;
  return (
    <div className={`grid gap-4 ${stacked ? "" : "sm:grid-cols-2"}`}>
      <Meter label="Storage" usage={quota.storage} format={formatBytes} />
      <Meter label="Volumes" usage={quota.volumes} format={String} />
    </div>
  );
}
