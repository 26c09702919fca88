-- AlterTable
ALTER TABLE "user_account" ADD COLUMN     "mfa_last_used_step" INTEGER;
