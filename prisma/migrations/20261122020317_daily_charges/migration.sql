-- CreateTable
CREATE TABLE "daily_charges" (
    "workspace_id" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "resource" "ChargeResource" NOT NULL,
    "runtime_class" TEXT NOT NULL DEFAULT '',
    "subject_kind" "ChargeSubject" NOT NULL,
    "subject_name" TEXT NOT NULL,
    "first_hour" TIMESTAMPTZ(3) NOT NULL,
    "quantity_minutes" BIGINT NOT NULL,
    "amount_micros" BIGINT NOT NULL,
    "unit_price_micros" BIGINT NOT NULL,

    CONSTRAINT "daily_charges_pkey" PRIMARY KEY ("workspace_id","day","resource","runtime_class","subject_kind","subject_name")
);

-- CreateIndex
CREATE INDEX "daily_charges_day_idx" ON "daily_charges"("day");

-- AddForeignKey
ALTER TABLE "daily_charges" ADD CONSTRAINT "daily_charges_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every day that already has line items (lib/billing/daily-charges.ts keeps it after).
INSERT INTO "daily_charges"
  ("workspace_id", "day", "resource", "runtime_class", "subject_kind", "subject_name",
   "first_hour", "quantity_minutes", "amount_micros", "unit_price_micros")
SELECT "workspace_id",
       date_trunc('day', "hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
       "resource", "runtime_class", "subject_kind", "subject_name",
       MIN("hour"), SUM("quantity_minutes"), SUM("amount_micros"),
       CASE WHEN MIN("unit_price_micros") = MAX("unit_price_micros") THEN MIN("unit_price_micros") ELSE -1 END
  FROM "hourly_line_items"
 GROUP BY 1, 2, 3, 4, 5, 6;
