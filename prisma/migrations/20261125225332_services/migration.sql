-- CreateEnum
CREATE TYPE "CheckStatus" AS ENUM ('up', 'degraded', 'down', 'unknown');

-- CreateTable
CREATE TABLE "CatalogVersion" (
    "id" SERIAL NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "serviceCount" INTEGER NOT NULL,
    "loadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loadedById" TEXT,
    "loadedByLabel" TEXT NOT NULL,

    CONSTRAINT "CatalogVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceState" (
    "slug" TEXT NOT NULL,
    "status" "CheckStatus" NOT NULL DEFAULT 'unknown',
    "reason" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedAt" TIMESTAMPTZ(3),
    "latencyMs" INTEGER,
    "subChecks" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ServiceState_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "HealthHourly" (
    "slug" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "checks" INTEGER NOT NULL,
    "notDown" INTEGER NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "HealthHourly_pkey" PRIMARY KEY ("slug","hour")
);

-- CreateTable
CREATE TABLE "HealthCheck" (
    "id" BIGSERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "CheckStatus" NOT NULL,
    "latencyMs" INTEGER,
    "reason" TEXT,

    CONSTRAINT "HealthCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "MetricSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "seriesId" INTEGER NOT NULL,
    "t" TIMESTAMPTZ(3) NOT NULL,
    "v" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("seriesId","t")
);

-- CreateIndex
CREATE INDEX "HealthCheck_slug_at_idx" ON "HealthCheck"("slug", "at");

-- CreateIndex
CREATE INDEX "HealthCheck_at_idx" ON "HealthCheck"("at");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_key_key" ON "MetricSeries"("key");

-- CreateIndex
CREATE INDEX "MetricSeries_slug_name_idx" ON "MetricSeries"("slug", "name");

-- CreateIndex
CREATE INDEX "MetricSample_t_idx" ON "MetricSample"("t");

-- AddForeignKey
ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
