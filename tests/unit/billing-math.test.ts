import { describe, expect, it } from "vitest";
import { reachedThresholds } from "@/lib/billing/budget-alerts";
import { holdReason } from "@/lib/billing/standing";
import { microsToDecimal, parseMoney } from "@/lib/billing/parse-money";
import { amountFor } from "@/lib/billing/rating";
import { floorHour, monthStart, nextMonth } from "@/lib/time/utc";

describe("rating arithmetic", () => {
  it("prices each resource per its unit with one rounding, half away from zero", () => {
    // 1 vCPU for 60 minutes at 0.02 per vCPU-hour.
    expect(amountFor("CPU", 60_000n, 20_000n)).toBe(20_000n);
    // 1 millicore-minute at 0.02: 1/3 micro-unit, rounds to 0; 3 of them to 1.
    expect(amountFor("CPU", 1n, 20_000n)).toBe(0n);
    expect(amountFor("CPU", 3n, 20_000n)).toBe(1n);
    // 1.5 micro-units rounds up.
    expect(amountFor("ENDPOINT", 18n, 5n)).toBe(2n);
    // 1 GiB for an hour at 0.0025 per GiB-hour.
    expect(amountFor("MEMORY", 2n ** 30n * 60n, 2_500n)).toBe(2_500n);
    // 1 GiB for 730 hours at 0.10 per GiB-month is exactly 0.10.
    expect(amountFor("STORAGE", 2n ** 30n * 60n * 730n, 100_000n)).toBe(100_000n);
    expect(amountFor("RUNTIME_CLASS", 60_000n, 5_000n)).toBe(5_000n);
  });

  it("works in UTC hours and months", () => {
    expect(floorHour(new Date("2026-02-14T23:59:59.999Z")).toISOString()).toBe("2026-02-14T23:00:00.000Z");
    expect(monthStart(new Date("2026-12-31T23:59:00Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(nextMonth(new Date("2026-12-01T00:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("money input", () => {
  it("parses amounts people type into micro-units, exactly", () => {
    expect(parseMoney("25")).toBe(25_000_000n);
    expect(parseMoney("$1,234.5")).toBe(1_234_500_000n);
    expect(parseMoney("0.000001")).toBe(1n);
    expect(parseMoney("0.0000001")).toBeNull();
    expect(parseMoney("-3")).toBeNull();
    expect(parseMoney("ten")).toBeNull();
    expect(microsToDecimal(12_500_000n)).toBe("12.5");
    expect(microsToDecimal(-1n)).toBe("-0.000001");
    expect(microsToDecimal(20_000n)).toBe("0.02");
  });
});

describe("budgets and holds", () => {
  it("reaches 50, 80 and 100 percent on exact integer comparisons", () => {
    expect(reachedThresholds(49n, 100n)).toEqual([]);
    expect(reachedThresholds(50n, 100n)).toEqual([50]);
    expect(reachedThresholds(80n, 100n)).toEqual([50, 80]);
    expect(reachedThresholds(100n, 100n)).toEqual([50, 80, 100]);
    expect(reachedThresholds(5n, 0n)).toEqual([]);
  });

  it("holds at a zero balance, or at a reached hard budget only", () => {
    expect(holdReason(0n, 0n, null)).toBe("BALANCE");
    expect(holdReason(-5n, 0n, null)).toBe("BALANCE");
    expect(holdReason(1n, 100n, { limitMicros: 100n, hardLimit: true })).toBe("BUDGET");
    expect(holdReason(1n, 100n, { limitMicros: 100n, hardLimit: false })).toBeNull();
    expect(holdReason(1n, 99n, { limitMicros: 100n, hardLimit: true })).toBeNull();
  });
});
