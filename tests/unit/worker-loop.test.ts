import { describe, expect, it } from "vitest";
import { untilAligned } from "@/lib/worker/loop";

describe("untilAligned", () => {
  const minute = { everyMs: 60_000, afterMs: 250 };
  const t = (seconds: number) => Date.UTC(2026, 11, 7, 10, 0, 0) + seconds * 1000;

  it("waits for the next instant just after a minute ends", () => {
    expect(untilAligned(t(0), minute)).toBe(250);
    expect(untilAligned(t(0.25), minute)).toBe(60_000); // exactly on it: the next one
    expect(untilAligned(t(0.3), minute)).toBe(59_950);
    expect(untilAligned(t(59), minute)).toBe(1_250);
  });
});
