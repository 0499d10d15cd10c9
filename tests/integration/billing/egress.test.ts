import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rateRange } from "@/lib/billing/rating";
import { db } from "@/lib/db/client";
import { writeUsage } from "@/lib/metering/write-usage";
import { billedWorkspace } from "../metering/support";
import { rowsFor, testPlan } from "./support";

// Egress through the ledger: the bytes a pod sent per minute (EGRESS usage rows, as the meter
// writes them from the kubelet's counters) are rated per GiB at the plan's EGRESS_GIB price in
// force at the start of each hour, written once however often they are written, and free on a
// plan that does not price egress.

const GIB = 2n ** 30n;
const JAN = new Date("2026-01-01T00:00:00Z");
const HOUR = new Date("2026-01-10T10:00:00Z");
const NEXT = new Date("2026-01-10T12:00:00Z");

async function egressLines(egressMicros: bigint | null) {
  const { workspace } = await billedWorkspace("egress");
  const planId = await testPlan([
    { resource: "CPU_CORE_HOUR", micros: 20_000n, from: JAN },
    ...(egressMicros === null ? [] : [{ resource: "EGRESS_GIB", micros: egressMicros, from: JAN }]),
  ]);
  await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
  const pod = `uid-${randomBytes(6).toString("hex")}`;
  // 90 minutes from 10:00: 60 in the first hour, 30 in the second; an odd number of bytes each.
  const rows = rowsFor(
    workspace.id,
    { objectUid: pod, resource: "EGRESS", quantity: 50_000_001n, runtimeName: "web", runtimeClass: "gvisor" },
    HOUR,
    90,
  );
  expect(await writeUsage(rows)).toBe(90);
  expect(await writeUsage(rows)).toBe(0); // the same minutes metered again count nothing twice
  await rateRange(HOUR, NEXT, [workspace.id]);
  const lines = await db().hourlyLineItem.findMany({
    where: { workspaceId: workspace.id, resource: "EGRESS" },
    orderBy: { hour: "asc" },
  });
  return lines.map((l) => ({ hour: l.hour.toISOString(), bytes: l.quantityMinutes, amount: l.amountMicros }));
}

describe("egress billing", () => {
  it("rates the bytes sent per GiB at the plan's price, one rounding per hour's line", async () => {
    // 0.09 per GiB: 60 × 50 000 001 bytes = 2.794… GiB → 251 457.1… → 251 457 micro-units.
    const lines = await egressLines(90_000n);
    expect(lines).toEqual([
      { hour: "2026-01-10T10:00:00.000Z", bytes: 3_000_000_060n, amount: (3_000_000_060n * 90_000n + GIB / 2n) / GIB },
      { hour: "2026-01-10T11:00:00.000Z", bytes: 1_500_000_030n, amount: (1_500_000_030n * 90_000n + GIB / 2n) / GIB },
    ]);
    expect(lines[0]!.amount).toBe(251_457n);
  });

  it("shows the bytes and charges nothing where the plan does not price egress", async () => {
    const lines = await egressLines(null);
    expect(lines.map((l) => [l.bytes, l.amount])).toEqual([
      [3_000_000_060n, 0n],
      [1_500_000_030n, 0n],
    ]);
  });
});
