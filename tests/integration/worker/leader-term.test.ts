import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminKubeConfig } from "@/lib/kube/client";
import { MeteringWorker, meteringCursorId } from "@/lib/metering/metering-worker";
import { eventually } from "../../support/kube";
import { assertTerm, claimTerm, FencedOut, type Fence } from "@/lib/worker/leader-election/leader-term";

// The fencing token in PostgreSQL: once a new leader has taken its term, a write of an older
// term is refused, and a write of the old term in progress finishes before the new term begins.

const name = `test-term-${randomBytes(3).toString("hex")}`;
const cursor = (suffix: string) => `meter:${name}-${suffix}`;

afterAll(async () => {
  await db().leaderTerm.deleteMany({ where: { name } });
  await db().meteringProgress.deleteMany({ where: { id: { startsWith: `meter:${name}` } } });
});

/** A fenced write: what the meter does for each minute. */
function fencedWrite(fence: Fence, id: string, during?: () => Promise<void>) {
  return db().$transaction(async (tx) => {
    await assertTerm(tx, fence);
    await during?.();
    await tx.meteringProgress.create({ data: { id, position: new Date() } });
  });
}

describe("leader terms (fencing)", () => {
  it("refuses the writes of a deposed leader's term and lets the current leader's through", async () => {
    const old = await claimTerm(name, "a");
    const current = await claimTerm(name, "b");
    expect(current.term).toBe(old.term + 1n);

    await expect(fencedWrite(old, cursor("old"))).rejects.toBeInstanceOf(FencedOut);
    expect(await db().meteringProgress.findUnique({ where: { id: cursor("old") } })).toBeNull();

    await fencedWrite(current, cursor("current")); // the positive control
    expect(await db().meteringProgress.findUnique({ where: { id: cursor("current") } })).not.toBeNull();

    const row = await db().leaderTerm.findUniqueOrThrow({ where: { name } });
    expect(row).toMatchObject({ term: current.term, holder: "b" });
  });

  it("refuses a term that was never taken", async () => {
    await expect(fencedWrite({ name: `${name}-none`, term: 1n }, cursor("none"))).rejects.toBeInstanceOf(FencedOut);
    expect(await db().meteringProgress.findUnique({ where: { id: cursor("none") } })).toBeNull();
  });

  it("makes a new term wait for the old term's write in progress, so none lands after it", async () => {
    const old = await claimTerm(name, "c");
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let checked!: () => void;
    const fenceChecked = new Promise<void>((resolve) => (checked = resolve));
    const write = fencedWrite(old, cursor("inflight"), async () => {
      checked();
      await held;
      order.push("old write done");
    });
    await fenceChecked;
    const claim = claimTerm(name, "d").then((fence) => {
      order.push("new term taken");
      return fence;
    });
    // Give the claim every chance to overtake the open transaction; it must not.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(order).toEqual([]);
    release();
    await write;
    const next = await claim;
    expect(order).toEqual(["old write done", "new term taken"]);
    expect(next.term).toBe(old.term + 1n);
    await expect(fencedWrite(old, cursor("late"))).rejects.toBeInstanceOf(FencedOut);
  });

  it("keeps a meter fenced by an old term from writing a minute, and lets the current term's meter write", async () => {
    const old = await claimTerm(name, "e");
    const current = await claimTerm(name, "f");
    const meter = (fence: Fence, id: string) =>
      new MeteringWorker({
        kubeConfig: adminKubeConfig(),
        workerId: id,
        catchupMinutes: 2,
        extraNamespaceSelector: `canopy.dev/workspace-id in (none-${name})`,
        guard: (tx) => assertTerm(tx, fence),
      });
    const deposed = meter(old, `${name}-deposed`);
    const leader = meter(current, `${name}-leader`);
    await Promise.all([deposed.start(), leader.start()]);
    try {
      await eventually("both meters' watches connected", async () =>
        deposed.view.healthy() && leader.view.healthy() ? true : undefined,
      );
      await expect(deposed.step()).rejects.toBeInstanceOf(FencedOut);
      expect(await db().meteringProgress.findUnique({ where: { id: meteringCursorId(`${name}-deposed`) } })).toBeNull();
      expect((await leader.step()).minutes).toBe(2);
      expect(
        await db().meteringProgress.findUnique({ where: { id: meteringCursorId(`${name}-leader`) } }),
      ).not.toBeNull();
    } finally {
      await Promise.all([deposed.stop(), leader.stop()]);
    }
  });
});
