-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "mergedAlertIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mergedAt" TIMESTAMPTZ(3),
ADD COLUMN     "mergedGroupIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mergedIntoId" TEXT;

-- CreateTable
CREATE TABLE "IncidentLink" (
    "id" TEXT NOT NULL,
    "aId" TEXT NOT NULL,
    "bId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncidentLink_bId_idx" ON "IncidentLink"("bId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentLink_aId_bId_key" ON "IncidentLink"("aId", "bId");

-- CreateIndex
CREATE INDEX "Incident_mergedIntoId_idx" ON "Incident"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_aId_fkey" FOREIGN KEY ("aId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_bId_fkey" FOREIGN KEY ("bId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
