-- AlterTable
ALTER TABLE "ActionRun" ADD COLUMN     "approvedHash" TEXT,
ADD COLUMN     "deniedById" TEXT,
ADD COLUMN     "deniedByLabel" TEXT,
ADD COLUMN     "denyReason" TEXT,
ADD COLUMN     "healthAfter" JSONB,
ADD COLUMN     "healthBefore" JSONB,
ADD COLUMN     "rollbackOfId" TEXT,
ADD COLUMN     "verifyDetail" TEXT,
ADD COLUMN     "verifyStatus" TEXT;
