import { describe, expect, it } from "vitest";
import { WorkQueue } from "@/lib/tenancy/work-queue";

/** A handler whose runs are recorded and released by hand. */
function gatedHandler() {
  const runs: string[] = [];
  const active = new Map<string, number>();
  let mostAtOnce = 0;
  const gates: (() => void)[] = [];
  const handle = async (key: string) => {
    runs.push(key);
    active.set(key, (active.get(key) ?? 0) + 1);
    mostAtOnce = Math.max(mostAtOnce, active.get(key)!);
    await new Promise<void>((resolve) => gates.push(resolve));
    active.set(key, active.get(key)! - 1);
  };
  const releaseAll = async () => {
    while (gates.length) gates.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { runs, handle, releaseAll, mostAtOnce: () => mostAtOnce, waiting: () => gates.length };
}

describe("WorkQueue", () => {
  it("works a key queued several times once", async () => {
    const h = gatedHandler();
    const queue = new WorkQueue({ concurrency: 1, handle: h.handle });
    queue.add("busy");
    queue.add("a");
    queue.add("a");
    queue.add("a");
    expect(queue.length).toBe(1); // "busy" is being worked, "a" waits once
    while (!(await Promise.race([queue.idle().then(() => true), h.releaseAll().then(() => false)])));
    expect(h.runs).toEqual(["busy", "a"]);
  });

  it("works a key queued while it is worked again afterwards, never twice at once", async () => {
    const h = gatedHandler();
    const queue = new WorkQueue({ concurrency: 4, handle: h.handle });
    queue.add("a");
    await new Promise((resolve) => setTimeout(resolve, 0));
    queue.add("a");
    queue.add("b");
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Positive control: other keys run beside it.
    expect(h.waiting()).toBe(2);
    while (!(await Promise.race([queue.idle().then(() => true), h.releaseAll().then(() => false)])));
    expect(h.runs).toEqual(["a", "b", "a"]);
    expect(h.mostAtOnce()).toBe(1);
  });

  it("retries a failing key with a growing backoff until it succeeds", async () => {
    const attempts: number[] = [];
    const errors: number[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      baseBackoffMs: 20,
      handle: async () => {
        attempts.push(Date.now());
        if (attempts.length < 4) throw new Error("not yet");
      },
      onError: (_key, _error, attempt) => errors.push(attempt),
    });
    queue.add("flaky");
    await queue.idle();
    expect(attempts).toHaveLength(4);
    expect(errors).toEqual([1, 2, 3]);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    // 20, 40, 80 ms: each wait at least its backoff.
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
  });

  it("works nothing once stopped", async () => {
    const runs: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, handle: async (key) => void runs.push(key) });
    await queue.stop();
    queue.add("late");
    await queue.idle();
    expect(runs).toEqual([]);
  });
});
