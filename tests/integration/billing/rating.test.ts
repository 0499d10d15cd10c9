import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { rateRange } from "@/lib/billing/rating";
import { issueStatement, issueStatements } from "@/lib/billing/statements";
import { writeUsage } from "@/lib/metering/write-usage";
import { billedWorkspace } from "../metering/support";
import { rowsFor, testPlan } from "./support";
import { usageDetail } from "@/lib/billing/usage-detail";
import { addMinutes } from "@/lib/time/utc";
import { ledgerEntries } from "../../support/usage-ledger";

// Rating against PostgreSQL: usage rows → hourly line items (price in force at each hour,
// one rounding per line) → a monthly statement whose total is exactly the sum of its lines,
// and an independent recomputation from the usage rows (in SQL) that equals the bill.

const FEB = new Date("2026-02-01T00:00:00Z");
const MAR = new Date("2026-03-01T00:00:00Z");
const PRICE_CHANGE = new Date("2026-02-15T00:00:00Z");
const GIB = 2n ** 30n;
const uid = () => `uid-${randomBytes(6).toString("hex")}`;

/** The bill recomputed from the usage rows alone, by a separate implementation in SQL. */
async function recomputed(workspaceId: string, planId: string): Promise<bigint> {
  const [row] = await db().$queryRaw<{ total: string }[]>`
    WITH groups AS (
      SELECT date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, resource::text AS resource,
             runtime_class, CASE WHEN object_kind = 'PVC' THEN object_name ELSE runtime_name END AS subject,
             SUM(quantity)::numeric AS q
        FROM usage_minutes WHERE workspace_id = ${workspaceId} AND minute >= ${FEB} AND minute < ${MAR}
       GROUP BY 1, 2, 3, 4),
    priced AS (
      SELECT g.*, (SELECT unit_price_micros FROM prices p
                    WHERE p.plan_id = ${planId} AND p.runtime_class = ''
                      AND p.resource::text = CASE g.resource WHEN 'CPU' THEN 'CPU_CORE_HOUR' WHEN 'MEMORY' THEN 'MEMORY_GIB_HOUR'
                                                 WHEN 'STORAGE' THEN 'STORAGE_GIB_MONTH' ELSE 'ENDPOINT_HOUR' END
                      AND p.effective_from <= g.hour ORDER BY p.effective_from DESC LIMIT 1)::numeric AS price,
                  (SELECT unit_price_micros FROM prices p
                    WHERE p.plan_id = ${planId} AND p.resource = 'RUNTIME_CLASS_CORE_HOUR' AND p.runtime_class = g.runtime_class
                      AND g.resource = 'CPU' AND p.effective_from <= g.hour ORDER BY p.effective_from DESC LIMIT 1)::numeric AS surcharge
        FROM groups g)
    SELECT (SUM(round(q * price / CASE resource WHEN 'CPU' THEN 60000 WHEN 'MEMORY' THEN ${GIB}::numeric * 60
                                               WHEN 'STORAGE' THEN ${GIB}::numeric * 60 * 730 ELSE 60 END))
            + COALESCE(SUM(round(q * surcharge / 60000)), 0))::text AS total
      FROM priced`;
  return BigInt(row!.total);
}

describe("rating and statements", () => {
  it("rates usage at the price in force each hour, and the statement total is the exact sum of its lines", async () => {
    const { workspace, owner, slug } = await billedWorkspace("rate");
    const planId = await testPlan([
      { resource: "CPU_CORE_HOUR", micros: 20_000n, from: new Date("2026-01-01T00:00:00Z") },
      { resource: "CPU_CORE_HOUR", micros: 30_000n, from: PRICE_CHANGE },
      { resource: "MEMORY_GIB_HOUR", micros: 2_500n, from: new Date("2026-01-01T00:00:00Z") },
      { resource: "STORAGE_GIB_MONTH", micros: 100_000n, from: new Date("2026-01-01T00:00:00Z") },
      { resource: "ENDPOINT_HOUR", micros: 5_000n, from: new Date("2026-01-01T00:00:00Z") },
      {
        resource: "RUNTIME_CLASS_CORE_HOUR",
        runtimeClass: "kata",
        micros: 7_000n,
        from: new Date("2026-01-01T00:00:00Z"),
      },
    ]);
    await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
    const web = uid();
    const batch = uid();
    const start = new Date("2026-02-14T22:00:00Z");
    const rows = [
      ...rowsFor(
        workspace.id,
        { objectUid: web, resource: "CPU", quantity: 250n, runtimeName: "web", runtimeClass: "gvisor" },
        start,
        240,
      ),
      ...rowsFor(
        workspace.id,
        { objectUid: web, resource: "MEMORY", quantity: 256n * 2n ** 20n, runtimeName: "web", runtimeClass: "gvisor" },
        start,
        240,
      ),
      // Odd quantities so that every line needs rounding.
      ...rowsFor(
        workspace.id,
        { objectUid: batch, resource: "CPU", quantity: 1_337n, runtimeName: "batch", runtimeClass: "kata" },
        new Date("2026-02-14T23:29:00Z"),
        77,
      ),
      ...rowsFor(
        workspace.id,
        { objectUid: batch, resource: "MEMORY", quantity: 3_000_000_001n, runtimeName: "batch", runtimeClass: "kata" },
        new Date("2026-02-14T23:29:00Z"),
        77,
      ),
      ...rowsFor(
        workspace.id,
        { objectUid: uid(), resource: "STORAGE", quantity: 2n * GIB + 12_345n, objectName: "data" },
        new Date("2026-02-10T00:00:00Z"),
        91,
      ),
      ...rowsFor(
        workspace.id,
        { objectUid: uid(), resource: "ENDPOINT", quantity: 1n, runtimeName: "web" },
        new Date("2026-02-27T23:50:00Z"),
        17,
      ),
    ];
    expect(await writeUsage(rows)).toBe(rows.length);
    expect(await writeUsage(rows)).toBe(0); // a retry counts nothing twice

    const lines = await rateRange(FEB, MAR, [workspace.id]);
    expect(lines).toBeGreaterThan(10);
    expect(await rateRange(FEB, MAR, [workspace.id])).toBe(lines); // re-rating replaces, never adds

    const items = await db().hourlyLineItem.findMany({ where: { workspaceId: workspace.id } });
    const cpuAt = (hour: string) =>
      items.find((l) => l.resource === "CPU" && l.subjectName === "web" && l.hour.toISOString() === hour);
    expect(cpuAt("2026-02-14T23:00:00.000Z")?.unitPriceMicros).toBe(20_000n);
    expect(cpuAt("2026-02-15T00:00:00.000Z")?.unitPriceMicros).toBe(30_000n);
    // 250 millicores for 60 minutes at 0.03 per vCPU-hour: 0.0075.
    expect(cpuAt("2026-02-15T00:00:00.000Z")?.amountMicros).toBe(7_500n);
    expect(items.filter((l) => l.resource === "RUNTIME_CLASS").map((l) => l.subjectName)).toEqual(["batch", "batch"]); // 23:29–00:45: two hours
    expect(items.some((l) => l.resource === "RUNTIME_CLASS" && l.runtimeClass === "gvisor")).toBe(false);

    expect(await issueStatement(workspace.id, FEB)).toBe(true);
    expect(await issueStatement(workspace.id, FEB)).toBe(false);
    expect(await issueStatements(MAR, [workspace.id])).toBe(0);
    const statement = await db().statement.findUniqueOrThrow({
      where: { workspaceId_month: { workspaceId: workspace.id, month: FEB } },
      include: { lines: true },
    });
    const [sums] = await db().$queryRaw<{ lines: string; hourly: string }[]>`
      SELECT (SELECT SUM(amount_micros) FROM statement_lines WHERE statement_id = ${statement.id})::text AS lines,
             (SELECT SUM(amount_micros) FROM hourly_line_items WHERE workspace_id = ${workspace.id})::text AS hourly`;
    expect(statement.totalMicros).toBe(BigInt(sums!.lines));
    expect(statement.totalMicros).toBe(BigInt(sums!.hourly));
    expect(statement.totalMicros).toBe(await recomputed(workspace.id, planId));
    expect(statement.totalMicros).toBeGreaterThan(0n);
    // One statement line per resource and runtime or volume.
    expect(statement.lines.map((l) => `${l.resource}/${l.subjectName}`).sort()).toEqual([
      "CPU/batch",
      "CPU/web",
      "ENDPOINT/web",
      "MEMORY/batch",
      "MEMORY/web",
      "RUNTIME_CLASS/batch",
      "STORAGE/data",
    ]);

    // The usage page's view of the month (rollups and stored lines up to the rating cursor,
    // rated live after it) agrees, whichever side of the cursor February falls on.
    const context = await authorizeWorkspace({ userId: owner.id }, slug, "billing.read");
    const viewed = await usageDetail(context, { month: "2026-02", granularity: "daily" });
    expect(viewed.lines.reduce((sum, l) => sum + l.amountMicros, 0n)).toBe(statement.totalMicros);
  });

  it("charges nothing for the minutes after a workspace's deletion", async () => {
    const { workspace } = await billedWorkspace("gone");
    const deletedAt = new Date("2026-02-03T10:30:30Z");
    await db().workspace.update({ where: { id: workspace.id }, data: { deletedAt } });
    const rows = rowsFor(
      workspace.id,
      { objectUid: uid(), resource: "CPU", quantity: 100n },
      new Date("2026-02-03T10:00:00Z"),
      60,
    );
    // 10:00 … 10:29 end by 10:30:30; 10:30 ends after the deletion.
    expect(await writeUsage(rows)).toBe(30);
    const last = (await ledgerEntries({ workspaceId: workspace.id })).at(-1);
    expect(last?.minute).toEqual(addMinutes(new Date("2026-02-03T10:00:00Z"), 29));
  });
});
