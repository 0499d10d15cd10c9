import { describe, expect, it } from "vitest";
import { formatQuota } from "@/components/workspace/quota-meter";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe("formatQuota", () => {
  it("shows CPU in cores", () => {
    expect(formatQuota({ unit: "cores", used: 0.25, hard: 2 })).toBe("0.25 of 2 CPU");
    expect(formatQuota({ unit: "cores", used: 0, hard: 8 })).toBe("0 of 8 CPU");
    expect(formatQuota({ unit: "cores", used: 1 / 3, hard: 2 })).toBe("0.33 of 2 CPU");
  });

  it("shows bytes in the largest binary unit that fits", () => {
    expect(formatQuota({ unit: "bytes", used: 192 * MiB, hard: 4 * GiB })).toBe("192 MiB of 4 GiB");
    expect(formatQuota({ unit: "bytes", used: 1.5 * GiB, hard: 20 * GiB })).toBe("1.5 GiB of 20 GiB");
    expect(formatQuota({ unit: "bytes", used: 0, hard: 20 * GiB })).toBe("0 GiB of 20 GiB");
    expect(formatQuota({ unit: "bytes", used: 512, hard: 1024 })).toBe("512 B of 1 KiB");
  });

  it("shows counts as they are", () => {
    expect(formatQuota({ unit: "count", used: 3, hard: 20 })).toBe("3 of 20");
  });
});
