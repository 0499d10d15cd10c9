-- AlterEnum
ALTER TYPE "ChargeResource" ADD VALUE 'EGRESS';

-- AlterEnum
ALTER TYPE "PriceResource" ADD VALUE 'EGRESS_GIB';

-- AlterEnum
ALTER TYPE "UsageResource" ADD VALUE 'EGRESS';

-- CreateTable
CREATE TABLE "usage_samples" (
    "pod_uid" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "runtime_name" TEXT NOT NULL,
    "cpu_millicores" BIGINT NOT NULL,
    "memory_bytes" BIGINT NOT NULL,
    "rx_bytes" BIGINT NOT NULL,
    "tx_bytes" BIGINT NOT NULL,
    "cpu_request_millicores" BIGINT NOT NULL,
    "cpu_limit_millicores" BIGINT NOT NULL,
    "memory_request_bytes" BIGINT NOT NULL,
    "memory_limit_bytes" BIGINT NOT NULL,

    CONSTRAINT "usage_samples_pkey" PRIMARY KEY ("pod_uid","minute")
);

-- CreateIndex
CREATE INDEX "usage_samples_workspace_id_runtime_name_minute_idx" ON "usage_samples"("workspace_id", "runtime_name", "minute");

-- CreateIndex
CREATE INDEX "usage_samples_minute_idx" ON "usage_samples"("minute");

-- AddForeignKey
ALTER TABLE "usage_samples" ADD CONSTRAINT "usage_samples_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
