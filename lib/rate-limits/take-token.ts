import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { RateLimit } from "@/lib/config/env";

// One token bucket per key in PostgreSQL: it holds `capacity` tokens, refills at
// capacity / windowSeconds a second, and each attempt takes a token if there is one. The
// read, the refill and the take are one INSERT … ON CONFLICT DO UPDATE, so concurrent
// attempts (from any number of portal processes) queue on the row and never both take the
// last token. Time is the database's, so the processes' clocks do not matter.

export interface TakeResult {
  allowed: boolean;
  /** Seconds until a token is there again (0 when allowed). */
  retryAfterSeconds: number;
  /** Attempts refused in a row, this one included (0 when allowed). */
  refusedInRow: number;
}

export async function takeToken(key: string, limit: RateLimit): Promise<TakeResult> {
  const capacity = limit.capacity;
  const perSecond = limit.capacity / limit.windowSeconds;
  // The bucket's tokens now: what it had, refilled for the time since, at most full.
  const available = Prisma.sql`LEAST(
    ${capacity}::double precision,
    b.tokens + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at)) * ${perSecond}::double precision)`;
  const rows = await db().$queryRaw<{ tokens: number; refused_in_row: number }[]>`
    INSERT INTO rate_limit_buckets AS b (key, tokens, refused_in_row, updated_at)
    VALUES (${key}, ${capacity - 1}::double precision, 0, statement_timestamp())
    ON CONFLICT (key) DO UPDATE SET
      tokens = CASE WHEN ${available} >= 1 THEN ${available} - 1 ELSE ${available} END,
      refused_in_row = CASE WHEN ${available} >= 1 THEN 0 ELSE b.refused_in_row + 1 END,
      updated_at = GREATEST(b.updated_at, statement_timestamp())
    RETURNING tokens, refused_in_row`;
  const row = rows[0]!;
  if (row.refused_in_row === 0) return { allowed: true, retryAfterSeconds: 0, refusedInRow: 0 };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / perSecond)),
    refusedInRow: row.refused_in_row,
  };
}

/** Removes buckets idle for longer than `seconds` (a bucket idle that long is full again). */
export async function pruneIdleBuckets(seconds: number): Promise<number> {
  return db().$executeRaw`
    DELETE FROM rate_limit_buckets WHERE updated_at < statement_timestamp() - make_interval(secs => ${seconds})`;
}
