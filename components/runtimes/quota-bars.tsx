import { formatCpu, formatMemory } from "@/lib/runtimes/format-quantity";
import type { QuotaAmount, WorkspaceQuota } from "@/lib/runtimes/workspace-quota";

// Used against limit, as words (what screen readers read) with a small bar for the eye.
function Bar({ label, amount, format }: { label: string; amount: QuotaAmount; format: (n: number) => string }) {
  const share = amount.hard > 0 ? Math.min(1, amount.used / amount.hard) : 1;
  const full = amount.used >= amount.hard;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className={full ? "font-medium text-red-700" : "text-slate-600"}>
          {format(amount.used)} of {format(amount.hard)}
        </span>
      </div>
      <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-slate-100">
        <div
          className={`h-full rounded-full ${full ? "bg-red-500" : share > 0.8 ? "bg-amber-500" : "bg-brand-600"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}

export function QuotaBars({ quota }: { quota: WorkspaceQuota }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Bar label="CPU" amount={quota.cpuMillis} format={formatCpu} />
      <Bar label="Memory" amount={quota.memoryMiB} format={formatMemory} />
      <Bar label="Pods" amount={quota.pods} format={String} />
    </div>
  );
}
