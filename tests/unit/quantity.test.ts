import { describe, expect, it } from "vitest";
import { parseQuantity } from "@/lib/kube/quantity";

describe("parseQuantity", () => {
  it.each([
    ["2", 2],
    ["0", 0],
    ["500m", 0.5],
    ["100m", 0.1],
    ["1500m", 1.5],
    ["250u", 0.00025],
    ["5n", 5e-9],
    ["1.5", 1.5],
    [".5", 0.5],
    ["+3", 3],
    ["-2", -2],
    ["1k", 1000],
    ["2M", 2_000_000],
    ["3G", 3e9],
    ["1T", 1e12],
    ["1P", 1e15],
    ["1E", 1e18],
    ["1Ki", 1024],
    ["128Mi", 128 * 1024 * 1024],
    ["4Gi", 4 * 1024 ** 3],
    ["1.5Gi", 1.5 * 1024 ** 3],
    ["20Gi", 20 * 1024 ** 3],
    ["1Ti", 1024 ** 4],
    ["1Pi", 1024 ** 5],
    ["1Ei", 1024 ** 6],
    ["1e3", 1000],
    ["2E6", 2e6],
    ["5e-3", 0.005],
    ["1E+2", 100],
  ])("parses %s", (quantity, expected) => {
    expect(parseQuantity(quantity)).toBeCloseTo(expected, 12);
  });

  it("treats the same amount in different spellings as equal", () => {
    expect(parseQuantity("4096Mi")).toBe(parseQuantity("4Gi"));
    expect(parseQuantity("2000m")).toBe(parseQuantity("2"));
    expect(parseQuantity("1000k")).toBe(parseQuantity("1M"));
  });

  it.each(["", "Gi", "1.2.3", "1Gb", "1 Gi", "abc", "1ki", "1e", "--1", "1m2"])("rejects %j", (quantity) => {
    expect(() => parseQuantity(quantity)).toThrow(/not a Kubernetes quantity/);
  });
});
