-- API tokens optionally scoped to one environment (issue 18). A scoped token keeps the
-- environment's name after the environment is deleted (its id is cleared then), so the guard
-- refuses it everywhere and the list still says where it worked.

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "environment_id" TEXT,
ADD COLUMN     "environment_name" TEXT;

-- CreateIndex
CREATE INDEX "api_tokens_environment_id_idx" ON "api_tokens"("environment_id");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "workspace_namespaces"("id") ON DELETE SET NULL ON UPDATE CASCADE;
