import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getBillingSummary } from "@/lib/billing/get-billing-summary";
import { monthKey, floorHour, HOUR_MS, monthStart } from "@/lib/time/utc";
import { usageDetail } from "@/lib/billing/usage-detail";
import { finishRatedHistory, resetBenchDatabase, seedWorkspaceRows, timed, type Benchmark } from "./support";

// What the billing pages read for one workspace while many workspaces have a long usage
// history: the current month (cost, balance, budget, breakdowns and the daily chart,
// getBillingSummary) and last month's daily usage (the usage page, usageDetail). Pure
// PostgreSQL; no cluster objects.

const SIZES = {
  smoke: { warmup: 5, runs: 30, workspaces: 20, days: 40 },
  full: { warmup: 20, runs: 200, workspaces: 1000, days: 365 },
};

/**
 * A bulk load, as one loads a big table: the line items' secondary indexes are dropped while
 * the rows go in and built again after (the same definitions, read from the catalog), and
 * foreign-key triggers are skipped for the seed's rows (each names a seeded workspace).
 * Inserting 26 million rows through the indexes takes half an hour on 2 cores.
 */
async function bulkLoadLineItems(load: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
  const indexes = await db().$queryRaw<{ indexname: string; indexdef: string }[]>`
    SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'hourly_line_items' AND indexname <> 'hourly_line_items_pkey'`;
  for (const index of indexes) await db().$executeRawUnsafe(`DROP INDEX "${index.indexname}"`);
  try {
    await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
        await load(tx);
      },
      { timeout: 3_600_000 },
    );
  } finally {
    for (const index of indexes) await db().$executeRawUnsafe(index.indexdef);
  }
}

/**
 * Rated history as the rater leaves it: three hourly line items per workspace (a runtime's
 * CPU and memory, a volume's storage) for every hour before the current one, their daily
 * rollups (built by the rater's own function), the rating cursor at the current hour, and
 * the current hour's minutes as unrated usage.
 */
async function seedUsage(workspaces: number, days: number, now: Date, log: (msg: string) => void): Promise<void> {
  const hour = floorHour(now);
  const from = new Date(hour.getTime() - days * 24 * HOUR_MS);
  const chunk = 100;
  await bulkLoadLineItems(async (tx) => {
    for (let first = 1; first <= workspaces; first += chunk) {
      const last = Math.min(workspaces, first + chunk - 1);
      await tx.$executeRaw`
        INSERT INTO hourly_line_items
          (workspace_id, hour, resource, runtime_class, subject_kind, subject_name,
           quantity_minutes, unit_price_micros, amount_micros)
        SELECT 'seed-w-' || g, h, r.resource::"ChargeResource", '', r.kind::"ChargeSubject", r.subject,
               r.quantity, r.price, r.quantity * r.price / r.divisor
          FROM generate_series(${first}::int, ${last}::int) g,
               generate_series(${from}::timestamptz, ${hour}::timestamptz - interval '1 hour', interval '1 hour') h,
               (VALUES ('CPU', 'RUNTIME', 'web', 30000::bigint, 40000::bigint, 60000::bigint),
                       ('MEMORY', 'RUNTIME', 'web', 32212254720::bigint, 5000::bigint, 64424509440::bigint),
                       ('STORAGE', 'VOLUME', 'data', 64424509440::bigint, 100000::bigint, 47029891891200::bigint))
                 AS r(resource, kind, subject, quantity, price, divisor)`;
      log(`  line items for ${last}/${workspaces} workspaces`);
    }
  });
  log("  indexes rebuilt; building the daily rollups");
  const seeded = Array.from({ length: workspaces }, (_, i) => ({
    id: `seed-w-${i + 1}`,
    namespace: `ws-seed-${i + 1}`,
  }));
  await finishRatedHistory(seeded, "web", from, hour, now);
}

export const benchmark: Benchmark = {
  name: "billing-reads",
  description: "the billing page's current month and last month's daily usage for one workspace among many",
  async run(size, log) {
    const { warmup, runs, workspaces, days } = SIZES[size];
    await resetBenchDatabase();
    try {
      const now = new Date();
      await seedWorkspaceRows(1, workspaces, "team");
      log(`seeding ${days} days of hourly line items for ${workspaces} workspaces`);
      const seedMs = await timed(() => seedUsage(workspaces, days, now, log));
      const lineItems = await db().hourlyLineItem.count();
      const dailyRows = await db().dailyCharge.count();
      log(`seeded ${lineItems} line items (${dailyRows} daily rollups) in ${(seedMs / 1000).toFixed(1)} s`);

      // The workspace read is the first seeded one; its owner reads its billing.
      const context = await authorizeWorkspace({ userId: "seed-u-1" }, "seed-1", "billing.read");
      const lastMonth = monthKey(monthStart(new Date(monthStart(now).getTime() - 1)));
      const summary = () => getBillingSummary(context);
      const usage = () => usageDetail(context, { month: lastMonth, granularity: "daily" });
      const check = await summary();
      if (check.daily.length === 0 || check.monthCost.micros === "0") throw new Error("the summary read no charges");

      for (let i = 0; i < warmup; i++) {
        await summary();
        await usage();
      }
      const summaryMs: number[] = [];
      const usageMs: number[] = [];
      for (let i = 0; i < runs; i++) {
        summaryMs.push(await timed(summary));
        usageMs.push(await timed(usage));
      }
      return {
        figures: [
          { name: "current month + daily chart (getBillingSummary)", samples: summaryMs, targets: { p95: 20 } },
          { name: `last month daily usage ${lastMonth} (usageDetail)`, samples: usageMs, targets: { p95: 20 } },
        ],
        params: {
          warmup,
          runs,
          workspaces,
          daysOfHistory: days,
          hourlyLineItems: lineItems,
          dailyRollups: dailyRows,
          seedSeconds: seedMs / 1000,
        },
        notes: [
          "History is stored as the rater leaves it: 3 hourly line items per workspace-hour and their daily rollups, the rating cursor at the current hour, and the current hour as unrated usage minutes (rated live on every read).",
          "Reads sum daily rollups for whole rated days, line items for the rest of today, and rate the current hour live.",
        ],
      };
    } finally {
      // The history is large; leave the bench database small.
      await resetBenchDatabase();
    }
  },
};
