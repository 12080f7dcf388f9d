-- AlterTable
ALTER TABLE "MailAccount" ADD COLUMN "trustedAuthservIds" TEXT NOT NULL DEFAULT '';
