import { db } from "@/lib/db/client";
import { forgetPartitions } from "@/lib/metering/ledger-partitions";
import { RERATE_HOURS } from "@/lib/billing/rating-pass";
import { DAY_MS, HOUR_MS } from "@/lib/time/utc";

// Retention of the ledger's raw minutes. Billing reads older periods from the rollups the
// rater keeps (hourly_line_items per hour, daily_charges per day, statements per month), so
// a day's raw minutes are needed only until its hours are rated for good. A day's partition
// is dropped once the day is older than the retention AND rated: detached (CONCURRENTLY, so
// writers and readers of other days never wait) and then dropped — never a long DELETE.

export const LEDGER_RETAINED_FROM = "ledger-retained-from";

export interface RetentionResult {
  dropped: string[];
  /** The start of the oldest day kept (metering_progress "ledger-retained-from"). */
  retainedFrom: Date | null;
}

/**
 * Drops the partitions of the days that ended `retentionDays` or more before `now` and
 * before the rater's re-rating window (the last RERATE_HOURS before `ratedThrough`, the end of
 * the last hour rated into line items), which it still reads.
 */
export async function dropExpiredPartitions(options: {
  now: Date;
  retentionDays: number;
  ratedThrough: Date | null;
}): Promise<RetentionResult> {
  const { now, retentionDays, ratedThrough } = options;
  if (!ratedThrough) return { dropped: [], retainedFrom: null };
  const horizon = Math.min(now.getTime() - retentionDays * DAY_MS, ratedThrough.getTime() - RERATE_HOURS * HOUR_MS);
  const partitions = await db().$queryRaw<{ name: string }[]>`
    SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'usage_ledger'::regclass ORDER BY 1`;
  const dropped: string[] = [];
  let retainedFrom: Date | null = null;
  for (const { name } of partitions) {
    const day = dayOfPartition(name);
    if (!day) continue;
    if (day.getTime() + DAY_MS > horizon) break;
    // Each statement on its own: DETACH ... CONCURRENTLY cannot run in a transaction.
    await db().$executeRawUnsafe(`ALTER TABLE usage_ledger DETACH PARTITION "${name}" CONCURRENTLY`);
    await db().$executeRawUnsafe(`DROP TABLE "${name}"`);
    dropped.push(name);
    retainedFrom = new Date(day.getTime() + DAY_MS);
  }
  if (retainedFrom) {
    forgetPartitions(dropped.map((n) => dayOfPartition(n)!.toISOString().slice(0, 10)));
    await db().$executeRaw`
      INSERT INTO metering_progress (id, position, updated_at) VALUES (${LEDGER_RETAINED_FROM}, ${retainedFrom}, now())
      ON CONFLICT (id) DO UPDATE SET position = GREATEST(metering_progress.position, EXCLUDED.position),
                                     updated_at = now()`;
  }
  return { dropped, retainedFrom };
}

/** The raw minutes before this instant are gone (null: none were dropped). */
export async function ledgerRetainedFrom(): Promise<Date | null> {
  const row = await db().meteringProgress.findUnique({ where: { id: LEDGER_RETAINED_FROM } });
  return row?.position ?? null;
}

function dayOfPartition(name: string): Date | null {
  const match = /^usage_ledger_(\d{4})(\d{2})(\d{2})$/.exec(name);
  return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : null;
}
