-- AlterTable
ALTER TABLE "workspace_namespaces" ADD COLUMN     "display_name" TEXT NOT NULL DEFAULT 'Default',
ADD COLUMN     "slice_cpu_millis" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slice_max_pods" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slice_max_services" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slice_max_volumes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slice_memory_mib" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slice_storage_gib" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "environment_roles" (
    "membership_id" TEXT NOT NULL,
    "namespace_id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environment_roles_pkey" PRIMARY KEY ("membership_id","namespace_id")
);

-- CreateIndex
CREATE INDEX "environment_roles_namespace_id_idx" ON "environment_roles"("namespace_id");

-- AddForeignKey
ALTER TABLE "environment_roles" ADD CONSTRAINT "environment_roles_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "environment_roles" ADD CONSTRAINT "environment_roles_namespace_id_fkey" FOREIGN KEY ("namespace_id") REFERENCES "workspace_namespaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
