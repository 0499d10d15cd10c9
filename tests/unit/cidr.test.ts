import { describe, expect, it } from "vitest";
import { cidr, containsCidr, coveringBlocks, parseCidr } from "@/lib/net/cidr";

describe("CIDR blocks", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["169.254.169.254/32", "169.254.169.254/32"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["::/0", "::/0"],
    ["fd00:ec2:0:0:0:0:0:254/128", "fd00:ec2::254/128"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["2001:0:0:1:0:0:0:1/128", "2001:0:0:1::1/128"],
    ["FE80::/10", "fe80::/10"],
  ])("reads %s as %s", (text, canonical) => {
    expect(parseCidr(text)?.text).toBe(canonical);
  });

  it.each(["10.0.0.0", "10.0.0.256/8", "10.0.0.0/33", "::/129", "1::2::3/64", "example.com/8", ""])(
    "refuses %s",
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );

  it("knows which block holds which", () => {
    expect(containsCidr(cidr("10.0.0.0/8"), cidr("10.244.0.0/16"))).toBe(true);
    expect(containsCidr(cidr("10.244.0.0/16"), cidr("10.0.0.0/8"))).toBe(false);
    expect(containsCidr(cidr("10.0.0.0/8"), cidr("11.0.0.0/16"))).toBe(false);
    expect(containsCidr(cidr("::/0"), cidr("10.0.0.0/8"))).toBe(false);
    expect(containsCidr(cidr("fc00::/7"), cidr("fd00:ec2::254/128"))).toBe(true);
  });

  it("keeps only the outermost blocks of a family, in address order", () => {
    const blocks = ["10.244.0.0/16", "192.168.0.0/16", "10.0.0.0/8", "10.96.0.0/16", "fc00::/7", "10.0.0.0/8"].map(
      cidr,
    );
    expect(coveringBlocks(blocks, 4).map((b) => b.text)).toEqual(["10.0.0.0/8", "192.168.0.0/16"]);
    expect(coveringBlocks(blocks, 6).map((b) => b.text)).toEqual(["fc00::/7"]);
  });
});
