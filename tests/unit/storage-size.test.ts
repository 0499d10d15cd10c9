import { describe, expect, it } from "vitest";
import { formatBytes, toQuantity } from "@/lib/storage/size";
import { volumeSize } from "@/lib/storage/volume-input";

describe("volume sizes", () => {
  it.each([
    [0, "0 GiB"],
    [512 * 2 ** 20, "512 MiB"],
    [2 ** 30, "1 GiB"],
    [1.5 * 2 ** 30, "1.5 GiB"],
    [1000 * 2 ** 30, "1000 GiB"],
  ])("shows %d bytes as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    ["10Gi", "10Gi"],
    ["1.5Gi", "1536Mi"],
    ["2048Mi", "2Gi"],
    ["1048576Ki", "1Gi"],
    ["0.5Ti", "512Gi"],
    ["1000Gi", "1000Gi"],
  ])("parses %s and writes it back as %s", (input, canonical) => {
    expect(toQuantity(volumeSize.parse(input))).toBe(canonical);
  });

  it.each(["2G", "1.0001Gi", "999Mi", "1001Gi", "1Ti", "-5Gi", "5", "five"])("refuses %s", (input) => {
    expect(volumeSize.safeParse(input).success).toBe(false);
  });
});
