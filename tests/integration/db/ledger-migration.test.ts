import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { rebuildDailyCharges } from "@/lib/billing/daily-charges";
import { rateGroups, rateRange, type UsageGroup } from "@/lib/billing/rating";
import { issueStatement } from "@/lib/billing/statements";
import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/metering/meter-minute";
import { databaseUrl, dropDatabase, ensureDatabase } from "../../../lib/db/ensure-database";
import { migrate } from "../../../lib/db/migrate";
import { teamWorkspace } from "../../support/factories";
import { ledgerEntries } from "../../support/usage-ledger";
import { rowsFor, testPlan } from "../billing/support";

// The ledger's migration (20261207023000_usage_ledger): a database whose usage was written the
// old way (one row per object, resource and minute in the usage_minutes table) and billed
// into statements is migrated; rated again from the new storage, every statement is
// identical to the minor unit, and the old rows read back unchanged through the view.

const LEDGER_MIGRATION = "20261207023000_usage_ledger";
const ADMIN_URL = process.env.DATABASE_URL!;
const root = fileURLToPath(new URL("../../..", import.meta.url));
const FROM = new Date("2026-01-31T22:00:00Z");
const TO = new Date("2026-02-01T02:00:00Z");
const MONTHS = [new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z")];
const name = `canopy_test_ledger_${Date.now().toString(36)}`;
let tmp: string | undefined;

afterAll(async () => {
  await db().$disconnect();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await dropDatabase(ADMIN_URL, name);
});

/** The writer as it was: a row per object, resource and minute, ON CONFLICT DO NOTHING. */
async function writeTheOldWay(rows: UsageRow[]): Promise<number> {
  return db().$executeRaw`
    INSERT INTO usage_minutes (object_uid, resource, minute, workspace_id, object_kind, namespace, object_name,
                               runtime_name, runtime_class, quantity)
    SELECT * FROM unnest(
      ${rows.map((r) => r.objectUid)}::text[], ${rows.map((r) => r.resource)}::text[]::"UsageResource"[],
      ${rows.map((r) => r.minute.toISOString())}::timestamptz[], ${rows.map((r) => r.workspaceId)}::text[],
      ${rows.map((r) => r.objectKind)}::text[]::"MeteredKind"[], ${rows.map((r) => r.namespace)}::text[],
      ${rows.map((r) => r.objectName)}::text[], ${rows.map((r) => r.runtimeName)}::text[],
      ${rows.map((r) => r.runtimeClass)}::text[], ${rows.map((r) => r.quantity.toString())}::bigint[])
    ON CONFLICT DO NOTHING`;
}

/** Rating as it was: the old table summed per workspace, hour, resource, class and subject. */
async function rateTheOldWay(): Promise<void> {
  const rows = await db().$queryRaw<(Omit<UsageGroup, "quantityMinutes"> & { quantityMinutes: string })[]>`
    SELECT workspace_id AS "workspaceId", date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
           resource::text AS resource, runtime_class AS "runtimeClass",
           CASE WHEN object_kind = 'PVC' THEN 'VOLUME' ELSE 'RUNTIME' END AS "subjectKind",
           CASE WHEN object_kind = 'PVC' THEN object_name ELSE runtime_name END AS "subjectName",
           SUM(quantity)::text AS "quantityMinutes"
      FROM usage_minutes WHERE minute >= ${FROM} AND minute < ${TO} GROUP BY 1, 2, 3, 4, 5, 6`;
  const lines = await rateGroups(rows.map((r) => ({ ...r, quantityMinutes: BigInt(r.quantityMinutes) })));
  await db().$transaction(async (tx) => {
    await tx.hourlyLineItem.createMany({ data: lines });
    await rebuildDailyCharges(tx, FROM, TO);
  });
}

async function statements() {
  const all = await db().statement.findMany({
    include: { lines: true },
    orderBy: [{ workspaceId: "asc" }, { month: "asc" }],
  });
  return all.map((s) => ({
    workspaceId: s.workspaceId,
    month: s.month.toISOString(),
    totalMicros: s.totalMicros,
    lines: s.lines
      .map(
        (l) =>
          `${l.resource} ${l.runtimeClass} ${l.subjectKind} ${l.subjectName} ${l.quantityMinutes} ${l.amountMicros}`,
      )
      .sort(),
  }));
}

async function issueAll(workspaceIds: string[]) {
  for (const id of workspaceIds) for (const month of MONTHS) expect(await issueStatement(id, month)).toBe(true);
}

/** Four hours of a workspace's objects across a month's end, with odd quantities. */
function usageOf(workspaceId: string, seed: number): UsageRow[] {
  const pod = (uid: string, runtimeName: string, runtimeClass: string) => ({
    objectUid: uid,
    runtimeName,
    runtimeClass,
  });
  return [
    ...rowsFor(
      workspaceId,
      { ...pod(`web-${seed}`, "web", "gvisor"), resource: "CPU", quantity: 251n + BigInt(seed) },
      FROM,
      240,
    ),
    ...rowsFor(
      workspaceId,
      { ...pod(`web-${seed}`, "web", "gvisor"), resource: "MEMORY", quantity: 268_435_457n },
      FROM,
      240,
    ),
    ...rowsFor(
      workspaceId,
      { ...pod(`web-${seed}`, "web", "gvisor"), resource: "EGRESS", quantity: 1_000_003n },
      FROM,
      240,
    ).filter((_, i) => i % 7 === 0),
    // A pod that started later and another runtime's: its CPU rows begin at 23:13.
    ...rowsFor(
      workspaceId,
      { ...pod(`api-${seed}`, "api", ""), resource: "CPU", quantity: 1_001n },
      new Date("2026-01-31T23:13:00Z"),
      95,
    ),
    ...rowsFor(
      workspaceId,
      { ...pod(`api-${seed}`, "api", ""), resource: "MEMORY", quantity: 1_073_741_825n },
      new Date("2026-01-31T23:13:00Z"),
      95,
    ),
    ...rowsFor(
      workspaceId,
      { objectUid: `pvc-${seed}`, objectName: "data", resource: "STORAGE", quantity: 5n * 2n ** 30n + 7n },
      FROM,
      240,
    ),
    ...rowsFor(
      workspaceId,
      { objectUid: `ing-${seed}`, objectName: "web", runtimeName: "web", resource: "ENDPOINT", quantity: 1n },
      FROM,
      150,
    ),
  ];
}

describe("the ledger migration", () => {
  it("keeps every statement identical to the minor unit, and every old row readable", async () => {
    // A database at the migration before the ledger's, which the app then uses.
    tmp = await mkdtemp(path.join(tmpdir(), "canopy-migrations-"));
    for (const entry of await readdir(path.join(root, "prisma/migrations"))) {
      if (entry !== LEDGER_MIGRATION)
        await cp(path.join(root, "prisma/migrations", entry), path.join(tmp, entry), { recursive: true });
    }
    await ensureDatabase(ADMIN_URL, name);
    const url = databaseUrl(ADMIN_URL, name);
    expect((await migrate(url, { migrationsDir: tmp })).applied).not.toContain(LEDGER_MIGRATION);
    process.env.DATABASE_URL = url;
    expect(await db().$queryRaw<{ d: string }[]>`SELECT current_database() AS d`).toEqual([{ d: name }]);

    const planId = await testPlan([
      { resource: "CPU_CORE_HOUR", micros: 41_111n, from: new Date("2025-01-01T00:00:00Z") },
      { resource: "MEMORY_GIB_HOUR", micros: 5_333n, from: new Date("2025-01-01T00:00:00Z") },
      { resource: "STORAGE_GIB_MONTH", micros: 99_999n, from: new Date("2025-01-01T00:00:00Z") },
      { resource: "ENDPOINT_HOUR", micros: 7_777n, from: new Date("2025-01-01T00:00:00Z") },
      { resource: "EGRESS_GIB", micros: 90_001n, from: new Date("2025-01-01T00:00:00Z") },
      {
        resource: "RUNTIME_CLASS_CORE_HOUR",
        runtimeClass: "gvisor",
        micros: 3_003n,
        from: new Date("2025-01-01T00:00:00Z"),
      },
      { resource: "CPU_CORE_HOUR", micros: 43_210n, from: new Date("2026-02-01T01:00:00Z") },
    ]);
    const workspaces = [
      (await teamWorkspace({ prefix: "old" })).workspace,
      (await teamWorkspace({ prefix: "old" })).workspace,
    ];
    const ids = workspaces.map((w) => w.id);
    await db().workspace.updateMany({ where: { id: { in: ids } }, data: { planId } });
    const rows = [...usageOf(ids[0]!, 1), ...usageOf(ids[1]!, 2)];
    expect(await writeTheOldWay(rows)).toBe(rows.length);
    await rateTheOldWay();
    await issueAll(ids);
    const before = await statements();
    expect(before).toHaveLength(4);
    expect(before.every((s) => s.totalMicros > 0n && s.lines.length >= 6)).toBe(true);

    // Migrated; then billed again from the new storage alone.
    expect((await migrate(url)).applied).toEqual([LEDGER_MIGRATION]);
    const old = rows.map((r) => `${r.objectUid} ${r.resource} ${r.minute.toISOString()}=${r.quantity}`).sort();
    const read = (await Promise.all(ids.map((workspaceId) => ledgerEntries({ workspaceId })))).flat();
    expect(read.map((r) => `${r.objectUid} ${r.resource} ${r.minute.toISOString()}=${r.quantity}`).sort()).toEqual(old);
    await db().statement.deleteMany({});
    await db().hourlyLineItem.deleteMany({});
    await db().dailyCharge.deleteMany({});
    await rateRange(FROM, TO);
    await issueAll(ids);
    expect(await statements()).toEqual(before);
  });
});
