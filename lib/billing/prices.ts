import { db } from "@/lib/db/client";
import type { Micros } from "@/lib/billing/money";

export interface PlanPrices {
  cpuCoreHour: Micros;
  memoryGibHour: Micros;
  storageGibMonth: Micros;
  endpointHour: Micros;
  /** Per GiB sent; 0 (egress not priced) unless the plan sets it. */
  egressGib: Micros;
  /** Extra per vCPU-hour, by runtime class. */
  runtimeClassCoreHour: Record<string, Micros>;
}

/** Hours in a billing month, for prices quoted per month (the common 730-hour convention). */
export const HOURS_PER_MONTH = 730n;

export interface PriceRow {
  resource: string;
  runtime_class: string;
  unit_price_micros: bigint;
}

/** The plan's prices in force at `at`: per resource, the latest row effective at or before it. */
export async function pricesAt(planId: string, at: Date = new Date()): Promise<PlanPrices> {
  const rows = await db().$queryRaw<PriceRow[]>`
    SELECT DISTINCT ON (resource, runtime_class) resource::text, runtime_class, unit_price_micros
      FROM prices
     WHERE plan_id = ${planId} AND effective_from <= ${at}
     ORDER BY resource, runtime_class, effective_from DESC`;
  return planPrices(rows);
}

/** Price rows (one per resource and runtime class) as a plan's prices. */
export function planPrices(rows: PriceRow[]): PlanPrices {
  const prices: PlanPrices = {
    cpuCoreHour: 0n,
    memoryGibHour: 0n,
    storageGibMonth: 0n,
    endpointHour: 0n,
    egressGib: 0n,
    runtimeClassCoreHour: {},
  };
  for (const row of rows) {
    switch (row.resource) {
      case "CPU_CORE_HOUR":
        prices.cpuCoreHour = row.unit_price_micros;
        break;
      case "MEMORY_GIB_HOUR":
        prices.memoryGibHour = row.unit_price_micros;
        break;
      case "STORAGE_GIB_MONTH":
        prices.storageGibMonth = row.unit_price_micros;
        break;
      case "ENDPOINT_HOUR":
        prices.endpointHour = row.unit_price_micros;
        break;
      case "EGRESS_GIB":
        prices.egressGib = row.unit_price_micros;
        break;
      case "RUNTIME_CLASS_CORE_HOUR":
        prices.runtimeClassCoreHour[row.runtime_class] = row.unit_price_micros;
        break;
    }
  }
  return prices;
}
