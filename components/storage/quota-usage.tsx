import type { StorageQuota, Usage } from "@/lib/storage/storage-quota";
import { formatBytes } from "@/lib/storage/size";
import { UsageBar } from "@/components/ui/usage-bar";

function Meter({ label, usage, format }: { label: string; usage: Usage; format: (n: number) => string }) {
  return (
    <UsageBar label={label} used={usage.used} hard={usage.hard} size="md">
      {format(usage.used)} of {format(usage.hard)} used
    </UsageBar>
  );
}

/** Used against limit for the two quotas a volume draws on. */
export function QuotaUsage({ quota, stacked = false }: { quota: StorageQuota | null; stacked?: boolean }) {
  if (!quota) return <p className="text-sm text-slate-600">This workspace&apos;s quota is not available yet.</p>;
  return (
    <div className={`grid gap-4 ${stacked ? "" : "sm:grid-cols-2"}`}>
      <Meter label="Storage" usage={quota.storage} format={formatBytes} />
      <Meter label="Volumes" usage={quota.volumes} format={String} />
    </div>
  );
}
