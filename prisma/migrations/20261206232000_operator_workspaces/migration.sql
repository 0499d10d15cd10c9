-- CreateTable
CREATE TABLE "operator_suspensions" (
    "workspace_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "suspended_by_id" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operator_suspensions_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateIndex
CREATE INDEX "workspaces_created_at_id_idx" ON "workspaces"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workspaces_display_name_id_idx" ON "workspaces"("display_name", "id");

-- CreateIndex
CREATE INDEX "workspaces_plan_id_created_at_id_idx" ON "workspaces"("plan_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "operator_suspensions" ADD CONSTRAINT "operator_suspensions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
