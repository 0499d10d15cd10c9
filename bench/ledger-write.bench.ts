import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/metering/meter-minute";
import { writeUsage } from "@/lib/metering/write-usage";
import { addMinutes, floorMinute } from "@/lib/time/utc";
import { resetBenchDatabase, seedWorkspaceRows, timed, type Benchmark } from "./support";

// The ledger's writer at scale: one minute of N running objects (pods with CPU and memory,
// a quarter of them with egress) written by writeUsage, as the meter writes each minute, and
// the bytes on disk per object-day (heap and indexes of the minutes' partition). "Before" is
// the storage main had until the ledger redesign (one row per object, resource and minute,
// identity as text in every row, a foreign key per row, batches of 2,000 through unnest),
// recreated in a table of its own and written by that writer's statement in the same run.

const SIZES = {
  smoke: { objects: 2_000, workspaces: 20, minutes: 3 },
  full: { objects: 100_000, workspaces: 1_000, minutes: 5 },
};

const OLD_TABLE = "bench_usage_minutes_before";

function minuteRows(minute: Date, objects: number, workspaces: number): UsageRow[] {
  const rows: UsageRow[] = [];
  for (let i = 0; i < objects; i++) {
    const w = (i % workspaces) + 1;
    const runtime = `rt-${Math.floor(i / workspaces) % 10}`;
    const base = {
      objectUid: `bench-pod-${i.toString().padStart(6, "0")}-3f2a9c1e-77d4-4b0a-9e55`,
      minute,
      workspaceId: `seed-w-${w}`,
      objectKind: "POD" as const,
      namespace: `ws-seed-${w}-a1b2c3d4`,
      objectName: `${runtime}-5d8f7c9b6-${(i % 100_000).toString(36)}`,
      runtimeName: runtime,
      runtimeClass: "gvisor",
    };
    rows.push({ ...base, resource: "CPU", quantity: 250n });
    rows.push({ ...base, resource: "MEMORY", quantity: 268_435_456n });
    if (i % 4 === 0) rows.push({ ...base, resource: "EGRESS", quantity: 12_345n + BigInt(i) });
  }
  return rows;
}

/** The writer main had, on a copy of its table (primary key, two indexes, a per-row foreign key). */
async function writeTheOldWay(rows: UsageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) {
    const b = rows.slice(i, i + 2_000);
    await db().$executeRawUnsafe(
      `INSERT INTO ${OLD_TABLE} (object_uid, resource, minute, workspace_id, object_kind, namespace, object_name,
                                 runtime_name, runtime_class, quantity)
       SELECT * FROM unnest($1::text[], $2::text[]::"UsageResource"[], $3::timestamptz[], $4::text[],
                            $5::text[]::"MeteredKind"[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
       ON CONFLICT DO NOTHING`,
      b.map((r) => r.objectUid),
      b.map((r) => r.resource),
      b.map((r) => r.minute.toISOString()),
      b.map((r) => r.workspaceId),
      b.map((r) => r.objectKind),
      b.map((r) => r.namespace),
      b.map((r) => r.objectName),
      b.map((r) => r.runtimeName),
      b.map((r) => r.runtimeClass),
      b.map((r) => r.quantity.toString()),
    );
  }
}

async function createOldTable(): Promise<void> {
  await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${OLD_TABLE}`);
  await db().$executeRawUnsafe(`
    CREATE TABLE ${OLD_TABLE} (
      object_uid TEXT NOT NULL, resource "UsageResource" NOT NULL, minute TIMESTAMPTZ(3) NOT NULL,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE ON UPDATE CASCADE,
      object_kind "MeteredKind" NOT NULL, namespace TEXT NOT NULL, object_name TEXT NOT NULL,
      runtime_name TEXT NOT NULL DEFAULT '', runtime_class TEXT NOT NULL DEFAULT '', quantity BIGINT NOT NULL,
      recorded_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      PRIMARY KEY (object_uid, resource, minute))`);
  await db().$executeRawUnsafe(`CREATE INDEX ON ${OLD_TABLE} (workspace_id, minute)`);
  await db().$executeRawUnsafe(`CREATE INDEX ON ${OLD_TABLE} (minute)`);
}

const bytesOf = async (sql: string) => Number((await db().$queryRawUnsafe<{ b: bigint }[]>(sql))[0]!.b);

export const benchmark: Benchmark = {
  name: "ledger-write",
  description: "one minute of N running objects written to the ledger, and its bytes on disk per object-day",
  async run(size, log) {
    const { objects, workspaces, minutes } = SIZES[size];
    await resetBenchDatabase();
    await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${OLD_TABLE}`);
    try {
      await seedWorkspaceRows(1, workspaces, "team");
      // Whole minutes of one UTC day, so one partition holds them all.
      const start = floorMinute(new Date(Date.UTC(2030, 0, 15, 12, 0)));
      const at = (i: number) => addMinutes(start, i);

      log(`after: ${objects} objects, minute 0 (identities new), then ${minutes} minutes`);
      const firstMs = await timed(() => writeUsage(minuteRows(at(0), objects, workspaces)));
      const afterMs: number[] = [];
      for (let i = 1; i <= minutes; i++) {
        const rows = minuteRows(at(i), objects, workspaces);
        afterMs.push(await timed(() => writeUsage(rows)));
      }
      const retryRows = minuteRows(at(minutes), objects, workspaces);
      const retryMs = await timed(() => writeUsage(retryRows));
      await db().$executeRawUnsafe(`VACUUM ANALYZE usage_ledger`);
      const ledgerBytes = await bytesOf(`SELECT pg_total_relation_size('usage_ledger_20300115') AS b`);
      const identityBytes = await bytesOf(`SELECT pg_total_relation_size('usage_objects') AS b`);
      const afterPerObjectDay = (ledgerBytes / (objects * (minutes + 1))) * 1440;

      log(`before: main's table and writer, ${minutes} minutes`);
      await createOldTable();
      const beforeMs: number[] = [];
      for (let i = 0; i <= minutes; i++) {
        const rows = minuteRows(at(i), objects, workspaces);
        beforeMs.push(await timed(() => writeTheOldWay(rows)));
      }
      await db().$executeRawUnsafe(`VACUUM ANALYZE ${OLD_TABLE}`);
      const beforeBytes = await bytesOf(`SELECT pg_total_relation_size('${OLD_TABLE}') AS b`);
      const beforePerObjectDay = (beforeBytes / (objects * (minutes + 1))) * 1440;

      return {
        figures: [
          { name: `after: one minute of ${objects} objects (writeUsage)`, samples: afterMs, targets: { p95: 1000 } },
          { name: `after: the first minute, identities new`, samples: [firstMs], targets: {} },
          { name: `after: the same minute again (retry, writes nothing)`, samples: [retryMs], targets: {} },
          { name: `before: one minute of ${objects} objects (main's writer)`, samples: beforeMs.slice(1), targets: {} },
          {
            name: "after: bytes per object-day (heap + indexes)",
            unit: "bytes",
            samples: [Math.round(afterPerObjectDay)],
            targets: {},
          },
          {
            name: "before: bytes per object-day (heap + indexes)",
            unit: "bytes",
            samples: [Math.round(beforePerObjectDay)],
            targets: {},
          },
        ],
        params: {
          objects,
          workspaces,
          minutesWritten: minutes + 1,
          rowsPerMinuteBefore: retryRows.length,
          ledgerPartitionBytes: ledgerBytes,
          identityTableBytes: identityBytes,
          identityBytesPerObject: Math.round(identityBytes / objects),
          beforeTableBytes: beforeBytes,
        },
        notes: [
          "Objects: pods with CPU and memory, a quarter with egress (2.25 usage rows per object-minute in main's layout, one ledger row after).",
          "Bytes per object-day = the table's heap + indexes after VACUUM / object-minutes written × 1440; the identity table is counted once per object, not per day.",
          "Before = main's usage_minutes layout and writer statement, on a copy of the table in the same database, written right after.",
        ],
      };
    } finally {
      await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${OLD_TABLE}`);
      await db().$executeRawUnsafe(`DROP TABLE IF EXISTS usage_ledger_20300115`);
      await resetBenchDatabase();
    }
  },
};
