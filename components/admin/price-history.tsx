import { formatMoney } from "@/lib/billing/money";
import type { PriceHistoryRow, PriceState } from "@/lib/plans/list-plans";
import { priceResourceLabel, priceUnit } from "@/lib/plans/price-resources";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

// Every price the plan has had, has and will have: rows are never edited or removed.

const STATES: Record<PriceState, { label: string; tone: BadgeTone }> = {
  SCHEDULED: { label: "Scheduled", tone: "info" },
  IN_FORCE: { label: "In force", tone: "success" },
  PAST: { label: "Past", tone: "quiet" },
};

export function PriceHistory({ prices }: { prices: PriceHistoryRow[] }) {
  if (prices.length === 0)
    return <EmptyState>No prices yet: usage on this plan is free until one is scheduled.</EmptyState>;
  return (
    <Table caption="Price history" frame="plain">
      <TableHead>
        <tr>
          <Th>Resource</Th>
          <Th>Price</Th>
          <Th>From</Th>
          <Th>State</Th>
        </tr>
      </TableHead>
      <tbody>
        {prices.map((p) => (
          <tr key={p.id} className="border-b border-slate-100 last:border-0">
            <Td>{priceResourceLabel(p.resource, p.runtimeClass)}</Td>
            <Td className="tabular-nums">
              {formatMoney(p.unitPriceMicros)} <span className="text-slate-500">{priceUnit(p.resource)}</span>
            </Td>
            <Td>
              <DateTime at={p.effectiveFrom} />
            </Td>
            <Td>
              <Badge tone={STATES[p.state].tone}>{STATES[p.state].label}</Badge>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
