-- CreateEnum
CREATE TYPE "HeldWorkloadKind" AS ENUM ('DEPLOYMENT', 'STATEFUL_SET', 'REPLICA_SET', 'REPLICATION_CONTROLLER', 'JOB', 'CRON_JOB', 'POD');

-- CreateTable
CREATE TABLE "held_workloads" (
    "workspace_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "kind" "HeldWorkloadKind" NOT NULL,
    "name" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "replicas" INTEGER,
    "manifest" JSONB,
    "held_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "held_workloads_pkey" PRIMARY KEY ("workspace_id","namespace","kind","name")
);

-- AddForeignKey
ALTER TABLE "held_workloads" ADD CONSTRAINT "held_workloads_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
