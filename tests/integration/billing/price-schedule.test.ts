import { describe, expect, it } from "vitest";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { rateRange } from "@/lib/billing/rating";
import { issueStatement } from "@/lib/billing/statements";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { writeUsage } from "@/lib/metering/write-usage";
import { schedulePrice, schedulePriceInput } from "@/lib/plans/schedule-price";
import { parseInput } from "@/lib/validation/parse-input";
import { createPlatformAdmin } from "../../support/factories";
import { billedWorkspace } from "../metering/support";
import { rowsFor, testPlan } from "./support";

// An operator schedules a price from a future whole hour: rating prices the hours before it
// at the old price and the hours from it at the new one, and a statement issued before the
// change is identical afterwards, also after its month is rated again.

const FEB = new Date("2026-02-01T00:00:00Z");
const MAR = new Date("2026-03-01T00:00:00Z");
const NOW = new Date("2026-03-01T10:20:00Z");

async function refusal(input: Record<string, string>, now = NOW): Promise<AppError> {
  const context = await authorizePlatform({ userId: (await createPlatformAdmin()).id }, "platform.plans.write");
  const error = await Promise.resolve()
    .then(() => schedulePrice(context, parseInput(schedulePriceInput, input), now))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function statementOf(workspaceId: string) {
  return db().statement.findUniqueOrThrow({
    where: { workspaceId_month: { workspaceId, month: FEB } },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}

describe("scheduling a price", () => {
  it("takes effect at its effective hour in rating and leaves earlier statements identical", async () => {
    const { workspace } = await billedWorkspace("price");
    const planId = await testPlan([
      { resource: "CPU_CORE_HOUR", micros: 20_000n, from: new Date("2026-01-01T00:00:00Z") },
    ]);
    await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
    const cpu = { objectUid: `uid-${workspace.id}`, resource: "CPU" as const, quantity: 1000n, runtimeName: "web" };
    // February's last two hours, rated and closed into a statement before the change.
    await writeUsage(rowsFor(workspace.id, cpu, new Date("2026-02-28T22:00:00Z"), 120));
    await rateRange(FEB, MAR, [workspace.id]);
    expect(await issueStatement(workspace.id, FEB)).toBe(true);
    const before = await statementOf(workspace.id);
    expect(before.totalMicros).toBe(40_000n);

    const admin = await createPlatformAdmin();
    const context = await authorizePlatform({ userId: admin.id }, "platform.plans.write");
    const input = { planId, resource: "CPU_CORE_HOUR", price: "0.05", effectiveFrom: "2026-03-01T12:00" };
    const { id } = await schedulePrice(context, parseInput(schedulePriceInput, input), NOW);
    expect(await db().price.findUniqueOrThrow({ where: { id } })).toMatchObject({
      unitPriceMicros: 50_000n,
      effectiveFrom: new Date("2026-03-01T12:00:00Z"),
    });
    const event = await db().platformAuditEvent.findFirstOrThrow({
      where: { actorId: admin.id, action: "platform.price.schedule" },
    });
    expect(event).toMatchObject({ outcome: "SUCCESS", targetId: planId });
    expect(event.details).toMatchObject({ unitPriceMicros: "50000", effectiveFrom: "2026-03-01T12:00:00.000Z" });

    // One vCPU from 11:00 to 12:59: the hour before the change at 0.02, the hour from it at 0.05.
    await writeUsage(rowsFor(workspace.id, cpu, new Date("2026-03-01T11:00:00Z"), 120));
    await rateRange(MAR, new Date("2026-03-01T13:00:00Z"), [workspace.id]);
    const march = await db().hourlyLineItem.findMany({
      where: { workspaceId: workspace.id, hour: { gte: MAR } },
      orderBy: { hour: "asc" },
    });
    expect(march.map((l) => [l.hour.toISOString(), l.unitPriceMicros, l.amountMicros])).toEqual([
      ["2026-03-01T11:00:00.000Z", 20_000n, 20_000n],
      ["2026-03-01T12:00:00.000Z", 50_000n, 50_000n],
    ]);

    // February rated again (as a late re-rating pass would) and its statement: unchanged.
    await rateRange(FEB, MAR, [workspace.id]);
    expect(await issueStatement(workspace.id, FEB)).toBe(false);
    expect(await statementOf(workspace.id)).toEqual(before);
    const feb = await db().hourlyLineItem.findMany({ where: { workspaceId: workspace.id, hour: { lt: MAR } } });
    expect(feb.map((l) => l.unitPriceMicros)).toEqual([20_000n, 20_000n]);
  });

  it("refuses a start in the past or not on a whole hour, naming the field", async () => {
    const planId = await testPlan([]);
    const base = { planId, resource: "CPU_CORE_HOUR", price: "0.05" };
    const past = await refusal({ ...base, effectiveFrom: "2026-03-01T10:00" });
    expect(past.fieldErrors).toEqual({ effectiveFrom: [expect.stringContaining("must be in the future")] });
    const now = await refusal({ ...base, effectiveFrom: "2026-03-01T10:20" });
    expect(now.fieldErrors?.effectiveFrom).toEqual([expect.stringContaining("whole hour")]);
    const half = await refusal({ ...base, effectiveFrom: "2026-03-01T12:30:00Z" });
    expect(half.fieldErrors?.effectiveFrom).toEqual([expect.stringContaining("whole hour")]);
    const money = await refusal({ ...base, price: "0.0000001", effectiveFrom: "2026-03-01T12:00" });
    expect(money.fieldErrors).toEqual({ price: [expect.stringContaining("at most 6 decimals")] });
    const surcharge = await refusal({
      ...base,
      resource: "RUNTIME_CLASS_CORE_HOUR",
      effectiveFrom: "2026-03-01T12:00",
    });
    expect(surcharge.fieldErrors).toEqual({ runtimeClass: [expect.stringContaining("Name the runtime class")] });
    expect(await db().price.count({ where: { planId } })).toBe(0);

    // Positive control: the next whole hour, then the same hour again is a conflict on the field.
    const context = await authorizePlatform({ userId: (await createPlatformAdmin()).id }, "platform.plans.write");
    const next = parseInput(schedulePriceInput, { ...base, effectiveFrom: "2026-03-01T11:00:00+00:00" });
    await schedulePrice(context, next, NOW);
    expect(await db().price.count({ where: { planId } })).toBe(1);
    const again = await schedulePrice(context, next, NOW).catch((e: unknown) => e);
    expect((again as AppError).fieldErrors?.effectiveFrom).toEqual([expect.stringContaining("already starts")]);
  });
});
