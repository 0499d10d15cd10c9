import { formatCpu, formatMemory } from "@/lib/runtimes/format-quantity";
import type { QuotaAmount, WorkspaceQuota } from "@/lib/runtimes/workspace-quota";
import { UsageBar } from "@/components/ui/usage-bar";

function Bar({ label, amount, format }: { label: string; amount: QuotaAmount; format: (n: number) => string }) {
  return (
    <UsageBar label={label} used={amount.used} hard={amount.hard}>
      {format(amount.used)} of {format(amount.hard)}
    </UsageBar>
  );
}

/** What the workspace's runtimes use of its CPU, memory and pod quota. */
export function QuotaBars({ quota }: { quota: WorkspaceQuota }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Bar label="CPU" amount={quota.cpuMillis} format={formatCpu} />
      <Bar label="Memory" amount={quota.memoryMiB} format={formatMemory} />
      <Bar label="Pods" amount={quota.pods} format={String} />
    </div>
  );
}
