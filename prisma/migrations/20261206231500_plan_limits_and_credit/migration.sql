-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "signup_credit_micros" BIGINT,
ADD COLUMN     "team_workspace_limit" INTEGER;
