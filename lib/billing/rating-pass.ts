import { db } from "@/lib/db/client";
import { RATING_CURSOR, rateRange, ratedThrough } from "@/lib/billing/rating";
import { issueStatements } from "@/lib/billing/statements";
import { HOUR_MS, floorHour, monthStart } from "@/lib/time/utc";

// The worker's rating pass. An hour is rated once metering has written all its minutes (the
// most advanced meter cursor is past its end). The last RERATE_HOURS hours are rated again on
// every pass, because a worker catching up after a restart (at most an hour back) can still
// add rows to them; months are closed into statements only once no re-rating can reach them.

export const RERATE_HOURS = 3;

export interface RatingPassResult {
  ratedFrom: Date | null;
  ratedTo: Date | null;
  lines: number;
  statements: number;
}

export async function ratingPass(now: Date = new Date()): Promise<RatingPassResult> {
  const meters = await db().meteringProgress.aggregate({
    where: { id: { startsWith: "meter:" } },
    _max: { position: true },
  });
  const metered = meters._max.position;
  if (!metered) return { ratedFrom: null, ratedTo: null, lines: 0, statements: 0 };
  // Minutes up to and including `metered` are written: hours ending by then are complete.
  // Never an hour that has not ended (a cursor ahead of the clock is a test's or a skewed host's).
  const meteredUntil = new Date(Math.min(metered.getTime() + 60_000, now.getTime()));
  const completeUntil = floorHour(meteredUntil);
  const rated = await ratedThrough();
  let from: Date;
  if (rated) {
    from = new Date(rated.getTime() - RERATE_HOURS * HOUR_MS);
  } else {
    const [first] = await db().$queryRaw<{ minute: Date | null }[]>`SELECT min(minute) AS minute FROM usage_ledger`;
    from = floorHour(first?.minute ?? completeUntil);
  }
  let lines = 0;
  if (from < completeUntil) {
    lines = await rateRange(from, completeUntil);
    // Only forward: another worker may have rated further meanwhile.
    await db().$executeRaw`
      INSERT INTO metering_progress (id, position, updated_at) VALUES (${RATING_CURSOR}, ${completeUntil}, now())
      ON CONFLICT (id) DO UPDATE SET position = GREATEST(metering_progress.position, EXCLUDED.position),
                                     updated_at = now()`;
  }
  // A month is final once its last hour is older than the re-rating window.
  const settled = new Date(((await ratedThrough()) ?? completeUntil).getTime() - RERATE_HOURS * HOUR_MS);
  const statements = await issueStatements(monthStart(settled));
  return { ratedFrom: from, ratedTo: completeUntil, lines, statements };
}
