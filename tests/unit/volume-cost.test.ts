import { describe, expect, it } from "vitest";
import { volumeCost } from "@/lib/billing/volume-cost";
import { deleteVolumeInput } from "@/lib/storage/volume-input";

const GiB = 1024 ** 3;
const price = { gibMonthMicros: "100000", hoursPerMonth: 730 }; // $0.10 per GiB-month

describe("a volume's price as the volume form shows it", () => {
  it("is per hour, rounded once, and about a month of such hours, in the one money format", () => {
    // 2 GiB × $0.10 / 730 h = 273.97… micro-units an hour → 274.
    expect(volumeCost(2 * GiB, price)).toEqual({ hourly: "$0.000274", monthly: "$0.20" });
    expect(volumeCost(10 * GiB, price)).toEqual({ hourly: "$0.00137", monthly: "$1.00" });
    // Whole mebibytes count: 1536 MiB is 1.5 GiB.
    expect(volumeCost(1.5 * GiB, price)).toEqual({ hourly: "$0.000205", monthly: "$0.15" });
  });
});

describe("deleting a volume", () => {
  it("needs its name typed exactly, and accepts it when it is", () => {
    const refused = deleteVolumeInput.safeParse({ name: "data", confirmName: "dat" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: ["confirmName"],
      message: "Type the volume's name exactly to confirm.",
    });
    expect(deleteVolumeInput.safeParse({ name: "data" }).success).toBe(false);
    expect(deleteVolumeInput.parse({ name: "data", confirmName: " data " })).toEqual({
      name: "data",
      confirmName: "data",
    });
  });
});
