import { db } from "@/lib/db/client";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { transactionConnection } from "@/lib/db/transaction-connection";
import { objectIds } from "@/lib/metering/ledger-objects";
import { dayOf, ensureLedgerPartitions } from "@/lib/metering/ledger-partitions";
import type { UsageResource } from "@/lib/metering/metered-object";
import { type UsageRow } from "@/lib/metering/meter-minute";
import { MINUTE_MS } from "@/lib/time/utc";

/** The database, or a transaction of it (the meter writes each minute in one). */
export type Client = Pick<PrismaClient, "workspace" | "$queryRaw" | "$executeRaw">;

/** Where each resource's quantity is in a row, in the order of COLUMNS. */
const RESOURCE_INDEX: Record<UsageResource, number> = { CPU: 0, MEMORY: 1, STORAGE: 2, ENDPOINT: 3, EGRESS: 4 };
const COLUMNS = "object_id, minute, cpu, memory, storage, endpoint, egress";
const UNIQUE_VIOLATION = "23505";
/** Long enough for many minutes in one call (backfills, tests); the meter's own transaction has its own. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/** One ledger row: an object's minute with each of its resources (null where it has none). */
interface LedgerRow {
  first: UsageRow;
  /** The minute, in epoch milliseconds. */
  at: number;
  /** The minute as COPY reads it (ISO 8601), made once per minute. */
  minute: string;
  quantities: (bigint | null)[];
}

/**
 * Writes usage rows to the ledger (usage_ledger), one row per object and minute with all its
 * resources. An object-minute already there is left as it is, so retries, restarts and
 * concurrent workers never count anything twice. Rows of unknown workspaces are dropped, and
 * so is every minute that does not end before the workspace's deletion: nothing is charged
 * after it. Returns how many usage quantities (object, resource, minute) were new. Without a
 * transaction, the rows are written in one of their own.
 */
export async function writeUsage(rows: UsageRow[], tx?: Prisma.TransactionClient): Promise<number> {
  if (rows.length === 0) return 0;
  const { entries, workspaceIds } = objectMinutes(rows);
  const ends = await billingEnds(workspaceIds, tx ?? db());
  // Nothing from a minute that does not end by the workspace's deletion, nor from unknown ones.
  const billable = entries.filter((e) => e.at + MINUTE_MS <= (ends.get(e.first.workspaceId) ?? -Infinity));
  if (billable.length === 0) return 0;
  // Identities and partitions first, each committed on its own (see ledger-objects.ts).
  const days = new Set<string>();
  for (let i = 0; i < billable.length; i++)
    if (billable[i]!.at !== billable[i - 1]?.at) days.add(dayOf(billable[i]!.first.minute));
  await ensureLedgerPartitions(days);
  const ids = await objectIds(billable.map((r) => r.first));
  const { data, quantities } = copyData(billable, ids);
  if (tx) return insert(tx, data, quantities);
  return db().$transaction((own) => insert(own, data, quantities), { timeout: TRANSACTION_TIMEOUT_MS });
}

/**
 * COPY straight into the ledger, the fast way for a minute not written yet (nearly every
 * one). If any of its object-minutes is there already (a retry, another worker), the COPY
 * fails whole and the rows go through a staging table instead, the new ones only.
 */
async function insert(tx: Prisma.TransactionClient, data: string, quantities: number): Promise<number> {
  const connection = await transactionConnection(tx);
  try {
    await connection.copyFrom(`COPY usage_ledger (${COLUMNS}) FROM STDIN`, data);
    return quantities;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
  }
  await connection.copyFrom(
    `CREATE TEMP TABLE usage_ledger_staging (LIKE usage_ledger INCLUDING DEFAULTS) ON COMMIT DROP;
     COPY usage_ledger_staging (${COLUMNS}) FROM STDIN`,
    data,
  );
  const [result] = await connection.query(`
    WITH inserted AS (
      INSERT INTO usage_ledger SELECT * FROM usage_ledger_staging
      ON CONFLICT DO NOTHING
      RETURNING num_nonnulls(cpu, memory, storage, endpoint, egress) AS n)
    SELECT COALESCE(SUM(n), 0)::int AS n FROM inserted;
    DROP TABLE usage_ledger_staging`);
  return (result!.rows[0] as { n: number }).n;
}

/**
 * COPY's text format, a line per row in the order of the primary key (object, minute): every
 * writer takes the rows' locks in one order, so concurrent writers of a minute wait for each
 * other instead of deadlocking. Entries of one object-minute (its rows were not side by side)
 * become one line; the sort is stable, so of two quantities of one resource the first counts.
 * Every field is an integer, a timestamp or \N: nothing to escape.
 */
function copyData(rows: LedgerRow[], ids: number[]): { data: string; quantities: number } {
  const order = Array.from(rows.keys()).sort((a, b) => ids[a]! - ids[b]! || rows[a]!.at - rows[b]!.at);
  const lines: string[] = [];
  let quantities = 0;
  for (let i = 0; i < order.length; i++) {
    const j = order[i]!;
    const row = rows[j]!;
    let values = row.quantities;
    for (let k = order[i + 1]; k !== undefined && ids[k] === ids[j] && rows[k]!.at === row.at; k = order[i + 1]) {
      values = values.map((q, r) => q ?? rows[k]!.quantities[r] ?? null);
      i++;
    }
    let line = `${ids[j]}\t${row.minute}`;
    for (const quantity of values) {
      if (quantity === null) line += "\t\\N";
      else {
        line += `\t${quantity}`;
        quantities++;
      }
    }
    lines.push(line);
  }
  return { data: lines.join("\n") + "\n", quantities };
}

/**
 * When each workspace stops being billed (its deletion, or never), in epoch milliseconds;
 * unknown workspaces are missing.
 */
async function billingEnds(ids: Set<string>, client: Pick<Client, "workspace">): Promise<Map<string, number>> {
  const workspaces = await client.workspace.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, deletedAt: true },
  });
  return new Map(workspaces.map((w) => [w.id, w.deletedAt?.getTime() ?? Infinity] as const));
}

/**
 * The rows as object-minutes: the rows of one object and minute side by side (meterMinute
 * writes them so) become one entry with all their resources; of two quantities of one
 * resource, the first counts. Also the workspaces they are of.
 */
function objectMinutes(rows: UsageRow[]): { entries: LedgerRow[]; workspaceIds: Set<string> } {
  const minutes = new Map<number, string>();
  const workspaceIds = new Set<string>();
  const entries: LedgerRow[] = [];
  let entry: LedgerRow | undefined;
  let workspaceId: string | undefined;
  for (const row of rows) {
    const at = row.minute.getTime();
    if (entry?.first.objectUid !== row.objectUid || entry.at !== at || entry.first.workspaceId !== row.workspaceId) {
      if (row.workspaceId !== workspaceId) workspaceIds.add((workspaceId = row.workspaceId));
      let minute = minutes.get(at);
      if (minute === undefined) minutes.set(at, (minute = row.minute.toISOString()));
      entry = { first: row, at, minute, quantities: [null, null, null, null, null] };
      entries.push(entry);
    }
    entry.quantities[RESOURCE_INDEX[row.resource]] ??= row.quantity;
  }
  return { entries, workspaceIds };
}
