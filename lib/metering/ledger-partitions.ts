import { db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/time/utc";

// The ledger's daily partitions (usage_ledger_YYYYMMDD, one per UTC day of `minute`). They
// are created by the SQL function usage_ledger_partition(day), ahead of time by the worker
// and on demand by the writer, before any row of the day is written.

const ensured = new Set<string>();

/** The UTC day of an instant, as YYYY-MM-DD. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Creates the partitions of these days that do not exist yet. Runs on its own connection,
 * never inside a transaction that has written to the ledger: creating a partition locks the
 * parent table, which that transaction would hold.
 */
export async function ensureLedgerPartitions(days: Iterable<string>): Promise<void> {
  for (const day of new Set(days)) {
    if (ensured.has(day)) continue;
    try {
      await db().$queryRaw`SELECT usage_ledger_partition(${day}::date)::text AS name`;
    } catch (error) {
      // Another worker created it at the same moment: it exists either way.
      const exists = await db().$queryRaw<{ found: boolean }[]>`
        SELECT to_regclass(${partitionName(day)}) IS NOT NULL AS found`;
      if (!exists[0]?.found) throw error;
    }
    ensured.add(day);
  }
}

export const partitionName = (day: string): string => `usage_ledger_${day.replaceAll("-", "")}`;

/** The days from `from`'s through `days` days later. */
export function daysAhead(from: Date, days: number): string[] {
  return Array.from({ length: days + 1 }, (_, i) => dayOf(new Date(from.getTime() + i * DAY_MS)));
}

/** Forgets which partitions exist (after retention dropped some). */
export function forgetPartitions(days: Iterable<string>): void {
  for (const day of days) ensured.delete(day);
}
