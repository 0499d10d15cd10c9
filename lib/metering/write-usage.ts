import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { objectIds } from "@/lib/metering/ledger-objects";
import { dayOf, ensureLedgerPartitions } from "@/lib/metering/ledger-partitions";
import { type UsageRow } from "@/lib/metering/meter-minute";
import { MINUTE_MS } from "@/lib/time/utc";

const BATCH = 25_000;

/** The database, or a transaction of it (the meter writes each minute in one). */
export type Client = Pick<PrismaClient, "workspace" | "$queryRaw" | "$executeRaw">;

type Resource = "CPU" | "MEMORY" | "STORAGE" | "ENDPOINT" | "EGRESS";

/** One ledger row: an object's minute with each of its resources (null where it has none). */
interface LedgerRow {
  first: UsageRow;
  quantities: Record<Resource, bigint | null>;
}

/**
 * Writes usage rows to the ledger (usage_ledger), one row per object and minute with all its
 * resources. An object-minute already there is left as it is, so retries, restarts and
 * concurrent workers never count anything twice. Rows of unknown workspaces are dropped, and
 * so is every minute that does not end before the workspace's deletion: nothing is charged
 * after it. Returns how many usage quantities (object, resource, minute) were new.
 */
export async function writeUsage(rows: UsageRow[], client: Client = db()): Promise<number> {
  if (rows.length === 0) return 0;
  const billable = await billableRows(rows, client);
  if (billable.length === 0) return 0;
  const merged = mergeByObjectMinute(billable);
  // Identities and partitions first, each committed on its own (see ledger-objects.ts).
  const minutes = new Set(merged.map((r) => r.first.minute.getTime()));
  await ensureLedgerPartitions([...minutes].map((at) => dayOf(new Date(at))));
  const ids = await objectIds(merged.map((r) => r.first));
  let inserted = 0;
  for (let i = 0; i < merged.length; i += BATCH) {
    // One text parameter, a line of integers per row (the minute in epoch milliseconds): large arrays cost the client far more
    // than PostgreSQL's parsing (every field is an integer, so nothing needs escaping).
    const lines = merged
      .slice(i, i + BATCH)
      .map((r, j) => {
        const q = r.quantities;
        const f = (v: bigint | null) => (v === null ? "" : v.toString());
        return `${ids[i + j]},${r.first.minute.getTime()},${f(q.CPU)},${f(q.MEMORY)},${f(q.STORAGE)},${f(q.ENDPOINT)},${f(q.EGRESS)}`;
      })
      .join("\n");
    const [result] = await client.$queryRaw<{ n: number }[]>`
      WITH inserted AS (
        INSERT INTO usage_ledger (object_id, minute, cpu, memory, storage, endpoint, egress)
        SELECT f[1]::bigint, to_timestamp(f[2]::double precision / 1000), NULLIF(f[3], '')::bigint, NULLIF(f[4], '')::bigint,
               NULLIF(f[5], '')::bigint, NULLIF(f[6], '')::bigint, NULLIF(f[7], '')::bigint
          FROM (SELECT string_to_array(line, ',') AS f FROM unnest(string_to_array(${lines}, E'\n')) AS line) AS rows
        ON CONFLICT DO NOTHING
        RETURNING num_nonnulls(cpu, memory, storage, endpoint, egress) AS n)
      SELECT COALESCE(SUM(n), 0)::int AS n FROM inserted`;
    inserted += result?.n ?? 0;
  }
  return inserted;
}

async function billableRows(rows: UsageRow[], client: Client): Promise<UsageRow[]> {
  const ids = [...new Set(rows.map((r) => r.workspaceId))];
  const workspaces = await client.workspace.findMany({
    where: { id: { in: ids } },
    select: { id: true, deletedAt: true },
  });
  const deletedAt = new Map(workspaces.map((w) => [w.id, w.deletedAt] as const));
  return rows.filter((row) => {
    if (!deletedAt.has(row.workspaceId)) return false;
    const deleted = deletedAt.get(row.workspaceId);
    return !deleted || row.minute.getTime() + MINUTE_MS <= deleted.getTime();
  });
}

/** One row per object and minute; of two quantities of one resource, the first counts. */
function mergeByObjectMinute(rows: UsageRow[]): LedgerRow[] {
  const byMinute = new Map<number, Map<string, LedgerRow>>();
  const merged: LedgerRow[] = [];
  for (const row of rows) {
    const at = row.minute.getTime();
    let objects = byMinute.get(at);
    if (!objects) byMinute.set(at, (objects = new Map()));
    let entry = objects.get(row.objectUid);
    if (!entry) {
      entry = { first: row, quantities: { CPU: null, MEMORY: null, STORAGE: null, ENDPOINT: null, EGRESS: null } };
      objects.set(row.objectUid, entry);
      merged.push(entry);
    }
    const resource = row.resource as Resource;
    if (entry.quantities[resource] === null) entry.quantities[resource] = row.quantity;
  }
  return merged;
}
