import type { CapacityLine, ClusterCapacity } from "@/lib/platform/cluster-capacity";
import { formatBytes } from "@/lib/storage/size";
import { formatCpu } from "@/lib/runtimes/format-quantity";
import { SectionCard } from "@/components/ui/card";
import { UsageBar } from "@/components/ui/usage-bar";

function ratio(value: number | null): string {
  return value === null ? "no capacity" : `${value.toFixed(2)}×`;
}

function CapacityRow({ label, line, format }: { label: string; line: CapacityLine; format: (n: number) => string }) {
  const over = line.overcommit !== null && line.overcommit > 1;
  return (
    <div className="flex flex-col gap-2">
      <UsageBar label={`${label}: promised by quotas`} used={line.promised} hard={line.allocatable}>
        {format(line.promised)} of {format(line.allocatable)} allocatable
      </UsageBar>
      <p className="text-sm text-slate-600">
        Overcommit{" "}
        <span className={over ? "font-semibold text-amber-800" : "font-semibold text-slate-900"}>
          {ratio(line.overcommit)}
        </span>
        {" · "}requested now {format(line.used)}
      </p>
    </div>
  );
}

export function CapacityPanel({ capacity }: { capacity: ClusterCapacity }) {
  return (
    <SectionCard id="capacity" title="Cluster capacity against quotas">
      <p className="text-sm text-slate-600">
        {capacity.readyNodes} of {capacity.nodes} node{capacity.nodes === 1 ? "" : "s"} ready. A ratio above 1× means
        the quotas promise more than the nodes can hold at once.
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <CapacityRow label="CPU" line={capacity.cpu} format={(cores) => formatCpu(Math.round(cores * 1000))} />
        <CapacityRow label="Memory" line={capacity.memory} format={formatBytes} />
      </div>
    </SectionCard>
  );
}
