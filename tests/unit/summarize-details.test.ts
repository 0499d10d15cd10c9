import { describe, expect, it } from "vitest";
import { summarizeDetails } from "@/lib/audit/summarize-details";

describe("summarizeDetails", () => {
  it("lists keys with their values, strings bare and the rest as JSON", () => {
    expect(summarizeDetails({ slug: "team-a", kind: "TEAM", count: 3, ok: true, roles: ["OWNER"] })).toBe(
      'slug: team-a, kind: TEAM, count: 3, ok: true, roles: ["OWNER"]',
    );
  });

  it("leaves out empty values and is empty for no details", () => {
    expect(summarizeDetails({ a: null, b: "", c: undefined, d: 0 })).toBe("d: 0");
    expect(summarizeDetails({})).toBe("");
  });

  it("shortens long values and long summaries", () => {
    const summary = summarizeDetails({ long: "x".repeat(100) });
    expect(summary).toBe(`long: ${"x".repeat(59)}…`);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`key${i}`, "value"]));
    expect(summarizeDetails(many, 50)).toHaveLength(50);
    expect(summarizeDetails(many, 50).endsWith("…")).toBe(true);
  });
});
