import { describe, expect, it } from "vitest";
import { divideRounded, formatMoney, sumMicros } from "@/lib/billing/money";

describe("money", () => {
  it("rounds half away from zero exactly once", () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(4n, 2n)).toBe(2n);
    expect(divideRounded(7n, 3n)).toBe(2n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(1n, 3n)).toBe(0n);
  });

  it("sums without floats", () => {
    expect(sumMicros([1n, 2n, 9_007_199_254_740_993n])).toBe(9_007_199_254_740_996n);
  });

  it("formats for people", () => {
    expect(formatMoney(0n)).toBe("$0.00");
    expect(formatMoney(1_234_567_890n)).toBe("$1,234.57");
    expect(formatMoney(12_344_999n)).toBe("$12.34");
    expect(formatMoney(995_000n)).toBe("$1.00");
    expect(formatMoney(20_000n)).toBe("$0.02");
    expect(formatMoney(2_500n)).toBe("$0.0025");
    expect(formatMoney(-1_500_000n)).toBe("−$1.50");
    expect(formatMoney(1_000_000n, "EUR")).toBe("€1.00");
  });
});
