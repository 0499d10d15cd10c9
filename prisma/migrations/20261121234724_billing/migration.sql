-- CreateEnum
CREATE TYPE "MeteredKind" AS ENUM ('POD', 'PVC', 'ENDPOINT');

-- CreateEnum
CREATE TYPE "UsageResource" AS ENUM ('CPU', 'MEMORY', 'STORAGE', 'ENDPOINT');

-- CreateEnum
CREATE TYPE "ChargeResource" AS ENUM ('CPU', 'MEMORY', 'STORAGE', 'ENDPOINT', 'RUNTIME_CLASS');

-- CreateEnum
CREATE TYPE "ChargeSubject" AS ENUM ('RUNTIME', 'VOLUME');

-- CreateEnum
CREATE TYPE "CreditKind" AS ENUM ('SIGNUP', 'GRANT', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "HoldReason" AS ENUM ('BALANCE', 'BUDGET');

-- CreateTable
CREATE TABLE "usage_minutes" (
    "object_uid" TEXT NOT NULL,
    "resource" "UsageResource" NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "object_kind" "MeteredKind" NOT NULL,
    "namespace" TEXT NOT NULL,
    "object_name" TEXT NOT NULL,
    "runtime_name" TEXT NOT NULL DEFAULT '',
    "runtime_class" TEXT NOT NULL DEFAULT '',
    "quantity" BIGINT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_minutes_pkey" PRIMARY KEY ("object_uid","resource","minute")
);

-- CreateTable
CREATE TABLE "metering_progress" (
    "id" TEXT NOT NULL,
    "position" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "metering_progress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hourly_line_items" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "resource" "ChargeResource" NOT NULL,
    "runtime_class" TEXT NOT NULL DEFAULT '',
    "subject_kind" "ChargeSubject" NOT NULL,
    "subject_name" TEXT NOT NULL,
    "quantity_minutes" BIGINT NOT NULL,
    "unit_price_micros" BIGINT NOT NULL,
    "amount_micros" BIGINT NOT NULL,
    "rated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hourly_line_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statements" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "month" TIMESTAMPTZ(3) NOT NULL,
    "total_micros" BIGINT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_lines" (
    "id" BIGSERIAL NOT NULL,
    "statement_id" TEXT NOT NULL,
    "resource" "ChargeResource" NOT NULL,
    "runtime_class" TEXT NOT NULL DEFAULT '',
    "subject_kind" "ChargeSubject" NOT NULL,
    "subject_name" TEXT NOT NULL,
    "quantity_minutes" BIGINT NOT NULL,
    "amount_micros" BIGINT NOT NULL,

    CONSTRAINT "statement_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_entries" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "kind" "CreditKind" NOT NULL,
    "amount_micros" BIGINT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "granted_by" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budgets" (
    "workspace_id" TEXT NOT NULL,
    "monthly_limit_micros" BIGINT NOT NULL,
    "hard_limit" BOOLEAN NOT NULL DEFAULT false,
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "budget_alerts" (
    "workspace_id" TEXT NOT NULL,
    "month" TIMESTAMPTZ(3) NOT NULL,
    "threshold" INTEGER NOT NULL,
    "cost_micros" BIGINT NOT NULL,
    "budget_micros" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_alerts_pkey" PRIMARY KEY ("workspace_id","month","threshold")
);

-- CreateTable
CREATE TABLE "billing_holds" (
    "workspace_id" TEXT NOT NULL,
    "reason" "HoldReason" NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "suspended_at" TIMESTAMPTZ(3),

    CONSTRAINT "billing_holds_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateIndex
CREATE INDEX "usage_minutes_workspace_id_minute_idx" ON "usage_minutes"("workspace_id", "minute");

-- CreateIndex
CREATE INDEX "usage_minutes_minute_idx" ON "usage_minutes"("minute");

-- CreateIndex
CREATE INDEX "hourly_line_items_hour_idx" ON "hourly_line_items"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "hourly_line_items_workspace_id_hour_resource_runtime_class__key" ON "hourly_line_items"("workspace_id", "hour", "resource", "runtime_class", "subject_kind", "subject_name");

-- CreateIndex
CREATE UNIQUE INDEX "statements_workspace_id_month_key" ON "statements"("workspace_id", "month");

-- CreateIndex
CREATE UNIQUE INDEX "statement_lines_statement_id_resource_runtime_class_subject_key" ON "statement_lines"("statement_id", "resource", "runtime_class", "subject_kind", "subject_name");

-- CreateIndex
CREATE UNIQUE INDEX "credit_entries_idempotency_key_key" ON "credit_entries"("idempotency_key");

-- CreateIndex
CREATE INDEX "credit_entries_workspace_id_created_at_idx" ON "credit_entries"("workspace_id", "created_at");

-- AddForeignKey
ALTER TABLE "usage_minutes" ADD CONSTRAINT "usage_minutes_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hourly_line_items" ADD CONSTRAINT "hourly_line_items_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statements" ADD CONSTRAINT "statements_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_alerts" ADD CONSTRAINT "budget_alerts_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_holds" ADD CONSTRAINT "billing_holds_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
