-- CreateEnum
CREATE TYPE "PlatformRole" AS ENUM ('ADMIN');

-- CreateEnum
CREATE TYPE "PlatformAdminSource" AS ENUM ('CONFIG', 'CONSOLE');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "disabled_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "platform_admins" (
    "user_id" TEXT NOT NULL,
    "role" "PlatformRole" NOT NULL DEFAULT 'ADMIN',
    "source" "PlatformAdminSource" NOT NULL,
    "granted_by" TEXT,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "platform_admins_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "platform_audit_events" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "client_address" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "platform_audit_events_created_at_idx" ON "platform_audit_events"("created_at" DESC);

-- CreateIndex
CREATE INDEX "platform_audit_events_actor_id_created_at_idx" ON "platform_audit_events"("actor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "platform_audit_events_action_created_at_idx" ON "platform_audit_events"("action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "platform_audit_events_target_type_target_id_created_at_idx" ON "platform_audit_events"("target_type", "target_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "platform_admins" ADD CONSTRAINT "platform_admins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_audit_events" ADD CONSTRAINT "platform_audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
