-- CreateEnum
CREATE TYPE "QuotaRequestState" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'AUTO_APPROVED');

-- CreateTable
CREATE TABLE "workspace_quota_overrides" (
    "workspace_id" TEXT NOT NULL,
    "cpu_millis" INTEGER,
    "memory_mib" INTEGER,
    "storage_gib" INTEGER,
    "max_pods" INTEGER,
    "max_volumes" INTEGER,
    "max_services" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workspace_quota_overrides_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "quota_increase_requests" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "requested_by_id" TEXT,
    "state" "QuotaRequestState" NOT NULL DEFAULT 'PENDING',
    "justification" TEXT NOT NULL,
    "decision_reason" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quota_increase_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_request_lines" (
    "request_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requested" INTEGER NOT NULL,
    "granted" INTEGER,

    CONSTRAINT "quota_request_lines_pkey" PRIMARY KEY ("request_id","key")
);

-- CreateIndex
CREATE INDEX "quota_increase_requests_workspace_id_created_at_idx" ON "quota_increase_requests"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "quota_increase_requests_state_created_at_idx" ON "quota_increase_requests"("state", "created_at");

-- AddForeignKey
ALTER TABLE "workspace_quota_overrides" ADD CONSTRAINT "workspace_quota_overrides_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_increase_requests" ADD CONSTRAINT "quota_increase_requests_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_increase_requests" ADD CONSTRAINT "quota_increase_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_increase_requests" ADD CONSTRAINT "quota_increase_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_request_lines" ADD CONSTRAINT "quota_request_lines_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "quota_increase_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
