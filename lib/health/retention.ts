import "server-only";
import { db } from "@/lib/db";

// History is kept at two resolutions: every sample for a day, then the last sample of every 5
// minutes until the retention period ends. Counters stay counters (rates over ≥ 5 min windows
// stay right), gauges keep one reading per 5 minutes, and a week of 15 s scrapes shrinks 20×.
const RAW_MS = 24 * 3_600_000;
const BIN_MS = 5 * 60_000;
/** Each run thins the slice that has just aged past a day, with slack for missed runs. */
const SLICE_MS = 3 * 3_600_000;

const floorBin = (ms: number) => new Date(Math.floor(ms / BIN_MS) * BIN_MS);

export async function applyRetention(retentionDays: number, now = Date.now()) {
  const cutoff = new Date(now - retentionDays * 86_400_000);
  const rawCutoff = new Date(now - RAW_MS);
  const [samples, hourly, checks] = await Promise.all([
    db.metricSample.deleteMany({ where: { t: { lt: cutoff } } }),
    db.healthHourly.deleteMany({ where: { hour: { lt: cutoff } } }),
    db.healthCheck.deleteMany({ where: { at: { lt: rawCutoff } } }),
  ]);
  const thinned = await thinSamples(floorBin(now - RAW_MS - SLICE_MS), floorBin(now - RAW_MS));
  return { deletedSamples: samples.count, deletedHours: hourly.count, deletedChecks: checks.count, thinnedSamples: thinned };
}

/** Keeps only the last sample of each series in each 5-minute bin in [from, to). */
export function thinSamples(from: Date, to: Date): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "MetricSample" m USING (
      SELECT "seriesId", "t", row_number() OVER (
        PARTITION BY "seriesId", date_bin('5 minutes', "t", TIMESTAMPTZ '2000-01-01 00:00:00+00') ORDER BY "t" DESC) AS rn
      FROM "MetricSample" WHERE "t" >= ${from} AND "t" < ${to}) d
    WHERE m."seriesId" = d."seriesId" AND m."t" = d."t" AND d.rn > 1`;
}
