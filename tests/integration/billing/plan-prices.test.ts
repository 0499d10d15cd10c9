import { describe, expect, it } from "vitest";
import { planWithPrices } from "@/lib/billing/plan-prices";
import { formatMoney } from "@/lib/billing/money";
import { pricesAt } from "@/lib/billing/prices";
import { testPlan } from "./support";

const DAY = 86_400_000;

describe("the plan's prices on the billing page", () => {
  it("shows the prices in force now (as rating reads them) and the next ten changes in date order", async () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    const planId = await testPlan([
      { resource: "CPU_CORE_HOUR", micros: 40_000n, from: at(-100) },
      { resource: "CPU_CORE_HOUR", micros: 45_000n, from: at(-10) },
      { resource: "MEMORY_GIB_HOUR", micros: 5_000n, from: at(-100) },
      { resource: "STORAGE_GIB_MONTH", micros: 100_000n, from: at(-100) },
      { resource: "ENDPOINT_HOUR", micros: 10_000n, from: at(-100) },
      { resource: "RUNTIME_CLASS_CORE_HOUR", runtimeClass: "gvisor", micros: 7_000n, from: at(-100) },
      // Twelve future changes: only the next ten are shown.
      ...Array.from({ length: 12 }, (_, i) => ({
        resource: "MEMORY_GIB_HOUR",
        micros: BigInt(6_000 + i),
        from: at(12 - i),
      })),
    ]);

    const shown = await planWithPrices(planId, now);
    const inForce = await pricesAt(planId, now);
    expect(inForce.cpuCoreHour).toBe(45_000n);
    expect(shown.plan.id).toBe(planId);
    expect(shown.rows.map((r) => r.label)).toEqual([
      "CPU",
      "Memory",
      "Storage",
      "Public endpoint",
      "Runtime class gvisor",
    ]);
    expect(shown.rows[0]!.price).toBe(`${formatMoney(45_000n)} per vCPU-hour`);
    expect(shown.rows[4]!.price).toBe(`${formatMoney(inForce.runtimeClassCoreHour.gvisor!)} extra per vCPU-hour`);
    expect(shown.upcoming.map((p) => p.from.getTime())).toEqual(
      Array.from({ length: 10 }, (_, i) => at(i + 1).getTime()),
    );
    expect(shown.upcoming[0]).toMatchObject({ resource: "MEMORY_GIB_HOUR", runtimeClass: "" });
  });
});
