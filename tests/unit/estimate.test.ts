import { describe, expect, it } from "vitest";
import { estimateHourly } from "@/lib/billing/estimate";
import type { PlanPrices } from "@/lib/billing/prices";

const prices: PlanPrices = {
  cpuCoreHour: 20_000n,
  memoryGibHour: 2_500n,
  storageGibMonth: 100_000n,
  endpointHour: 5_000n,
  egressGib: 0n,
  runtimeClassCoreHour: { kata: 5_000n },
};

describe("hourly estimate", () => {
  it("prices each resource and sums the rounded parts", () => {
    const estimate = estimateHourly(
      { replicas: 2, cpuMillis: 500, memoryMiB: 512, runtimeClass: "kata", storageGiB: 10, publicEndpoints: 1 },
      prices,
    );
    expect(estimate).toEqual({
      cpu: 20_000n, // 1 core
      memory: 2_500n, // 1 GiB
      storage: 1_370n, // 10 GiB-month / 730 h = 1369.86…
      endpoints: 5_000n,
      runtimeClassSurcharge: 5_000n,
      total: 33_870n,
    });
  });

  it("charges no surcharge for a class without one", () => {
    const estimate = estimateHourly(
      { replicas: 1, cpuMillis: 250, memoryMiB: 256, runtimeClass: "gvisor", storageGiB: 0, publicEndpoints: 0 },
      prices,
    );
    expect(estimate.runtimeClassSurcharge).toBe(0n);
    expect(estimate.total).toBe(5_000n + 625n);
  });
});
