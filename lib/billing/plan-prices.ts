import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/billing/money";
import { planPrices, type PriceRow } from "@/lib/billing/prices";

// The workspace's plan and the prices in force now, in words, for the billing page.

export async function planWithPrices(planId: string, now: Date = new Date()) {
  // The prices in force (as pricesAt reads them) and the next ten changes, in one query.
  const [plan, priceRows] = await Promise.all([
    db().plan.findUniqueOrThrow({ where: { id: planId } }),
    db().$queryRaw<(PriceRow & { upcoming: boolean; effective_from: Date })[]>`
      (SELECT DISTINCT ON (resource, runtime_class) false AS upcoming, resource::text AS resource, runtime_class,
              unit_price_micros, effective_from
         FROM prices
        WHERE plan_id = ${planId} AND effective_from <= ${now}
        ORDER BY resource, runtime_class, effective_from DESC)
      UNION ALL
      (SELECT true, resource::text, runtime_class, unit_price_micros, effective_from
         FROM prices
        WHERE plan_id = ${planId} AND effective_from > ${now}
        ORDER BY effective_from ASC
        LIMIT 10)`,
  ]);
  const prices = planPrices(priceRows.filter((r) => !r.upcoming));
  const upcoming = priceRows
    .filter((r) => r.upcoming)
    .sort((a, b) => a.effective_from.getTime() - b.effective_from.getTime());
  const rows = [
    { label: "CPU", price: `${formatMoney(prices.cpuCoreHour)} per vCPU-hour` },
    { label: "Memory", price: `${formatMoney(prices.memoryGibHour)} per GiB-hour` },
    { label: "Storage", price: `${formatMoney(prices.storageGibMonth)} per GiB-month (730 hours)` },
    { label: "Public endpoint", price: `${formatMoney(prices.endpointHour)} per endpoint-hour` },
    ...(prices.egressGib > 0n
      ? [{ label: "Network egress", price: `${formatMoney(prices.egressGib)} per GiB sent` }]
      : []),
    ...Object.entries(prices.runtimeClassCoreHour).map(([runtimeClass, micros]) => ({
      label: `Runtime class ${runtimeClass}`,
      price: `${formatMoney(micros)} extra per vCPU-hour`,
    })),
  ];
  return {
    plan: { id: plan.id, name: plan.name, description: plan.description },
    rows,
    upcoming: upcoming.map((p) => ({
      resource: p.resource,
      runtimeClass: p.runtime_class,
      price: formatMoney(p.unit_price_micros),
      from: p.effective_from,
    })),
  };
}
