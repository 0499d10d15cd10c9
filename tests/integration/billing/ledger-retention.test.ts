import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { RATING_CURSOR, rateRange } from "@/lib/billing/rating";
import { issueStatement } from "@/lib/billing/statements";
import { getStatement } from "@/lib/billing/get-statement";
import { usageDetail } from "@/lib/billing/usage-detail";
import { db } from "@/lib/db/client";
import { LEDGER_RETAINED_FROM, dropExpiredPartitions } from "@/lib/metering/ledger-retention";
import { writeUsage } from "@/lib/metering/write-usage";
import { billedWorkspace } from "../metering/support";
import { ledgerEntries } from "../../support/usage-ledger";
import { rowsFor, testPlan } from "./support";

// Retention: the raw minutes of rated days older than the retention are dropped with their
// daily partitions, never deleted row by row; statements and the usage page of those months
// read the rollups and stay identical to the minor unit. Days not yet rated, or still inside
// the retention, are kept, and rating cannot run again over dropped minutes.

const START = new Date("2019-03-31T23:00:00Z");
const RATED = new Date("2019-04-01T01:00:00Z");
const MARCH = new Date("2019-03-01T00:00:00Z");

const partitions = async () =>
  (
    await db().$queryRaw<{ name: string }[]>`
      SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'usage_ledger'::regclass AND c.relname IN ('usage_ledger_20190331', 'usage_ledger_20190401')
       ORDER BY 1`
  ).map((r) => r.name);

describe("ledger retention", () => {
  it("drops rated days past the retention by partition, and older months still bill from the rollups", async () => {
    await db().meteringProgress.deleteMany({ where: { id: LEDGER_RETAINED_FROM } });
    const { owner, slug, workspace } = await billedWorkspace("retain");
    const planId = await testPlan([
      { resource: "CPU_CORE_HOUR", micros: 40_000n, from: new Date("2019-01-01T00:00:00Z") },
      { resource: "STORAGE_GIB_MONTH", micros: 100_000n, from: new Date("2019-01-01T00:00:00Z") },
    ]);
    await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
    // Two hours across the month's end: 23:00-01:00, a pod and a volume.
    await writeUsage([
      ...rowsFor(
        workspace.id,
        { objectUid: `${slug}-pod`, resource: "CPU", quantity: 333n, runtimeName: "web" },
        START,
        120,
      ),
      ...rowsFor(
        workspace.id,
        { objectUid: `${slug}-pvc`, resource: "STORAGE", quantity: 3n * 2n ** 30n, objectName: "data" },
        START,
        120,
      ),
    ]);
    await rateRange(START, RATED, [workspace.id]);
    expect(await issueStatement(workspace.id, MARCH)).toBe(true);
    // The rater's cursor is past these hours (it only moves forward).
    await db().$executeRaw`
      INSERT INTO metering_progress (id, position, updated_at) VALUES (${RATING_CURSOR}, ${RATED}, now())
      ON CONFLICT (id) DO UPDATE SET position = GREATEST(metering_progress.position, EXCLUDED.position)`;
    const context = await authorizeWorkspace({ userId: owner.id }, slug, "billing.read");
    const views = async () => ({
      statement: await getStatement(context, MARCH),
      march: await usageDetail(context, { month: "2019-03", granularity: "daily" }),
      april: await usageDetail(context, { month: "2019-04", granularity: "hourly", day: "2019-04-01" }),
    });
    const before = await views();
    expect(before.statement.totalMicros).toBeGreaterThan(0n);
    expect(before.april.lines.length).toBeGreaterThan(0);
    expect((await ledgerEntries({ workspaceId: workspace.id })).length).toBe(240);

    // Kept: inside the retention, or not yet rated (the rater still reads the last 3 hours).
    const inside = await dropExpiredPartitions({
      now: new Date("2019-04-20T00:00:00Z"),
      retentionDays: 35,
      ratedThrough: RATED,
    });
    expect(inside.dropped).toEqual([]);
    const unrated = await dropExpiredPartitions({
      now: new Date("2019-06-01T00:00:00Z"),
      retentionDays: 35,
      ratedThrough: RATED,
    });
    expect(unrated.dropped).toEqual([]);
    expect(await partitions()).toEqual(["usage_ledger_20190331", "usage_ledger_20190401"]);

    // Rated and past the retention: dropped.
    const expired = await dropExpiredPartitions({
      now: new Date("2019-06-01T00:00:00Z"),
      retentionDays: 35,
      ratedThrough: new Date("2019-04-02T06:00:00Z"),
    });
    expect(expired.dropped).toEqual(["usage_ledger_20190331", "usage_ledger_20190401"]);
    expect(await partitions()).toEqual([]);
    expect(await ledgerEntries({ workspaceId: workspace.id })).toEqual([]);

    // The same money, to the minor unit, from the rollups.
    expect(await views()).toEqual(before);
    // Rating the dropped hours again would erase their lines: refused.
    await expect(rateRange(START, RATED, [workspace.id])).rejects.toThrow(/keeps minutes from 2019-04-02/);
    await db().meteringProgress.deleteMany({ where: { id: LEDGER_RETAINED_FROM } });
  });
});
