import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { RATING_CURSOR, rateRange } from "@/lib/billing/rating";
import { standingOf } from "@/lib/billing/standing";
import { db } from "@/lib/db/client";
import { writeUsage } from "@/lib/metering/write-usage";
import { billedWorkspace } from "../metering/support";
import { rowsFor, testPlan } from "./support";
import { getBillingSummary } from "@/lib/billing/get-billing-summary";
import { usageDetail } from "@/lib/billing/usage-detail";

// The daily rollups the billing reads use: always the exact sums of each day's line items,
// also after part of a day is rated again, and the pages' figures from them equal the line
// items they stand for.

const FEB = new Date("2026-02-01T00:00:00Z");
const MAR = new Date("2026-03-01T00:00:00Z");
const uid = () => `uid-${randomBytes(6).toString("hex")}`;

interface DaySum {
  day: string;
  resource: string;
  subject: string;
  quantity: string;
  amount: string;
}

function rollups(workspaceId: string) {
  return db().$queryRaw<DaySum[]>`
    SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, resource::text AS resource, subject_name AS subject,
           quantity_minutes::text AS quantity, amount_micros::text AS amount
      FROM daily_charges WHERE workspace_id = ${workspaceId} ORDER BY 1, 2, 3`;
}

function lineItemsPerDay(workspaceId: string) {
  return db().$queryRaw<DaySum[]>`
    SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, resource::text AS resource, subject_name AS subject,
           SUM(quantity_minutes)::text AS quantity, SUM(amount_micros)::text AS amount
      FROM hourly_line_items WHERE workspace_id = ${workspaceId} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

describe("daily charge rollups", () => {
  it("equal each day's line items after rating and re-rating, and the billing views read the same money", async () => {
    const { workspace, owner, slug } = await billedWorkspace("daily");
    const planId = await testPlan([
      { resource: "CPU_CORE_HOUR", micros: 20_000n, from: new Date("2026-01-01T00:00:00Z") },
      { resource: "CPU_CORE_HOUR", micros: 30_000n, from: new Date("2026-02-15T00:00:00Z") },
      { resource: "MEMORY_GIB_HOUR", micros: 2_500n, from: new Date("2026-01-01T00:00:00Z") },
    ]);
    await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
    const web = uid();
    // 22:00 on the 14th to 02:00 on the 15th: two days, and a price change at midnight.
    const start = new Date("2026-02-14T22:00:00Z");
    await writeUsage([
      ...rowsFor(workspace.id, { objectUid: web, resource: "CPU", quantity: 333n, runtimeName: "web" }, start, 240),
      ...rowsFor(
        workspace.id,
        { objectUid: web, resource: "MEMORY", quantity: 2n ** 29n, runtimeName: "web" },
        start,
        240,
      ),
    ]);
    await rateRange(FEB, MAR, [workspace.id]);
    const first = await rollups(workspace.id);
    expect(first.map((r) => `${r.day} ${r.resource}`)).toEqual([
      "2026-02-14 CPU",
      "2026-02-14 MEMORY",
      "2026-02-15 CPU",
      "2026-02-15 MEMORY",
    ]);
    expect(first).toEqual(await lineItemsPerDay(workspace.id));

    // Late usage for one hour of the 15th; re-rating only that hour rebuilds that day alone.
    const late = rowsFor(
      workspace.id,
      { objectUid: uid(), resource: "CPU", quantity: 1_001n, runtimeName: "batch" },
      new Date("2026-02-15T01:10:00Z"),
      20,
    );
    await writeUsage(late);
    await rateRange(new Date("2026-02-15T01:00:00Z"), new Date("2026-02-15T02:00:00Z"), [workspace.id]);
    const second = await rollups(workspace.id);
    expect(second).toEqual(await lineItemsPerDay(workspace.id));
    expect(second.filter((r) => r.day === "2026-02-14")).toEqual(first.filter((r) => r.day === "2026-02-14"));
    expect(second.find((r) => r.day === "2026-02-15" && r.subject === "batch")?.quantity).toBe(String(1_001 * 20));

    // The billing views read rollups for rated days: the same money as the line items. The
    // rating cursor only ever moves forward, as the rating pass moves it.
    await db().$executeRaw`
      INSERT INTO metering_progress (id, position, updated_at) VALUES (${RATING_CURSOR}, ${MAR}, now())
      ON CONFLICT (id) DO UPDATE SET position = GREATEST(metering_progress.position, EXCLUDED.position)`;
    const context = await authorizeWorkspace({ userId: owner.id }, slug, "billing.read");
    const daily = await usageDetail(context, { month: "2026-02", granularity: "daily" });
    expect(
      daily.lines.map((l) => ({
        day: l.period,
        resource: l.resource,
        subject: l.subject,
        quantity: l.quantityMinutes.toString(),
        amount: l.amountMicros.toString(),
      })),
    ).toEqual(
      (await lineItemsPerDay(workspace.id)).sort(
        (a, b) =>
          a.day.localeCompare(b.day) || a.subject.localeCompare(b.subject) || a.resource.localeCompare(b.resource),
      ),
    );
    // The price changed at midnight, so each day had one CPU price.
    expect(daily.lines.find((l) => l.period === "2026-02-14" && l.resource === "CPU")?.unitPriceMicros).toBe(20_000n);
    expect(
      daily.lines.find((l) => l.period === "2026-02-15" && l.resource === "CPU" && l.subject === "web")
        ?.unitPriceMicros,
    ).toBe(30_000n);

    const [total] = await db().$queryRaw<{ sum: string }[]>`
      SELECT SUM(amount_micros)::text AS sum FROM hourly_line_items WHERE workspace_id = ${workspace.id}`;
    const asOfMarch = new Date("2026-03-10T12:00:00Z");
    const standing = await standingOf(workspace.id, asOfMarch);
    expect(standing.charges).toBe(BigInt(total!.sum));
    expect(standing.monthCost).toBe(0n);
    const inFebruary = await standingOf(workspace.id, new Date("2026-02-20T00:00:00Z"));
    expect(inFebruary.monthCost).toBe(BigInt(total!.sum));
    const summary = await getBillingSummary(context, new Date("2026-02-28T23:30:00Z"));
    expect(BigInt(summary.monthCost.micros)).toBe(BigInt(total!.sum));
    expect(summary.daily.find((d) => d.day === "2026-02-14")?.total).toBe(
      Number(first.filter((r) => r.day === "2026-02-14").reduce((sum, r) => sum + BigInt(r.amount), 0n)),
    );
  });
});
