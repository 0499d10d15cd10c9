import type { Prisma } from "@/lib/db/generated/client";
import { DAY_MS, floorDay } from "@/lib/time/utc";

// Daily rollups of the hourly line items (daily_charges). Balances and the billing pages read
// these, so a read costs the days of its period instead of its hours, and a year of history
// costs a year of days. Rebuilt, never adjusted: a day's rows are recomputed from its line
// items inside the transaction that changed them.

/** Recomputes the daily rows of every UTC day that overlaps [from, to), for the named workspaces or all. */
export async function rebuildDailyCharges(
  tx: Prisma.TransactionClient,
  from: Date,
  to: Date,
  workspaceIds?: string[],
): Promise<void> {
  const first = floorDay(from);
  const end = new Date(floorDay(new Date(to.getTime() - 1)).getTime() + DAY_MS);
  const ids = workspaceIds ?? null;
  await tx.$executeRaw`
    DELETE FROM daily_charges
     WHERE day >= ${first} AND day < ${end}
       AND (${ids}::text[] IS NULL OR workspace_id = ANY(${ids}::text[]))`;
  await tx.$executeRaw`
    INSERT INTO daily_charges
      (workspace_id, day, resource, runtime_class, subject_kind, subject_name,
       first_hour, quantity_minutes, amount_micros, unit_price_micros)
    SELECT workspace_id,
           date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           resource, runtime_class, subject_kind, subject_name,
           MIN(hour), SUM(quantity_minutes), SUM(amount_micros),
           CASE WHEN MIN(unit_price_micros) = MAX(unit_price_micros) THEN MIN(unit_price_micros) ELSE -1 END
      FROM hourly_line_items
     WHERE hour >= ${first} AND hour < ${end}
       AND (${ids}::text[] IS NULL OR workspace_id = ANY(${ids}::text[]))
     GROUP BY 1, 2, 3, 4, 5, 6`;
}
