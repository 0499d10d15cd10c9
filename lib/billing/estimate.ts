import { divideRounded, type Micros } from "@/lib/billing/money";
import { HOURS_PER_MONTH, type PlanPrices } from "@/lib/billing/prices";

export interface ResourceAsk {
  replicas: number;
  cpuMillis: number;
  memoryMiB: number;
  runtimeClass: string;
  storageGiB: number;
  publicEndpoints: number;
}

export interface HourlyEstimate {
  cpu: Micros;
  memory: Micros;
  storage: Micros;
  endpoints: Micros;
  runtimeClassSurcharge: Micros;
  total: Micros;
}

/**
 * What a runtime would cost per hour at the plan's prices. Each part is computed exactly
 * as a fraction and rounded once; the total is the sum of the rounded parts, as on a bill.
 */
export function estimateHourly(ask: ResourceAsk, prices: PlanPrices): HourlyEstimate {
  const replicas = BigInt(ask.replicas);
  const cpuMillis = BigInt(ask.cpuMillis) * replicas;
  const cpu = divideRounded(cpuMillis * prices.cpuCoreHour, 1000n);
  const memory = divideRounded(BigInt(ask.memoryMiB) * replicas * prices.memoryGibHour, 1024n);
  const storage = divideRounded(BigInt(ask.storageGiB) * prices.storageGibMonth, HOURS_PER_MONTH);
  const endpoints = BigInt(ask.publicEndpoints) * prices.endpointHour;
  const runtimeClassSurcharge = divideRounded(cpuMillis * (prices.runtimeClassCoreHour[ask.runtimeClass] ?? 0n), 1000n);
  return {
    cpu,
    memory,
    storage,
    endpoints,
    runtimeClassSurcharge,
    total: cpu + memory + storage + endpoints + runtimeClassSurcharge,
  };
}
