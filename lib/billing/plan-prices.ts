import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/billing/money";
import { pricesAt } from "@/lib/billing/prices";

// The workspace's plan and the prices in force now, in words, for the billing page.

export async function planWithPrices(planId: string, now: Date = new Date()) {
  const [plan, prices, upcoming] = await Promise.all([
    db().plan.findUniqueOrThrow({ where: { id: planId } }),
    pricesAt(planId, now),
    db().price.findMany({
      where: { planId, effectiveFrom: { gt: now } },
      orderBy: { effectiveFrom: "asc" },
      take: 10,
    }),
  ]);
  const rows = [
    { label: "CPU", price: `${formatMoney(prices.cpuCoreHour)} per vCPU-hour` },
    { label: "Memory", price: `${formatMoney(prices.memoryGibHour)} per GiB-hour` },
    { label: "Storage", price: `${formatMoney(prices.storageGibMonth)} per GiB-month (730 hours)` },
    { label: "Public endpoint", price: `${formatMoney(prices.endpointHour)} per endpoint-hour` },
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
      runtimeClass: p.runtimeClass,
      price: formatMoney(p.unitPriceMicros),
      from: p.effectiveFrom,
    })),
  };
}
