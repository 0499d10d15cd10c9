-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "allowed_egress_cidrs" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "allowed_priority_classes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "default_ephemeral_storage_mib" INTEGER NOT NULL DEFAULT 512,
ADD COLUMN     "ephemeral_storage_gib" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "extended_resources" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "max_config_maps" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "max_secrets" INTEGER NOT NULL DEFAULT 50;

-- The team plan's share of the node disk and of etcd (the personal plan keeps the defaults:
-- 10 GiB of scratch disk, 50 Secrets, 50 ConfigMaps). No plan grants extended resources,
-- priority classes or non-public networks.
UPDATE "plans" SET "ephemeral_storage_gib" = 50, "max_secrets" = 200, "max_config_maps" = 200 WHERE "id" = 'team';
