-- CreateTable
CREATE TABLE "ActionRun" (
    "id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "danger" TEXT NOT NULL,
    "targetHash" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "incidentId" TEXT,
    "runbookRunId" TEXT,
    "step" TEXT,
    "requestedById" TEXT,
    "requestedByLabel" TEXT NOT NULL,
    "approvedById" TEXT,
    "approvedByLabel" TEXT,
    "approvedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "deadlineAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "outputPreview" TEXT,
    "outputBytes" INTEGER,
    "outputDigest" TEXT,
    "error" TEXT,
    "instanceId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ActionRun_idempotencyKey_key" ON "ActionRun"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ActionRun_status_idx" ON "ActionRun"("status");

-- CreateIndex
CREATE INDEX "ActionRun_incidentId_idx" ON "ActionRun"("incidentId");

-- AddForeignKey
ALTER TABLE "ActionRun" ADD CONSTRAINT "ActionRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
