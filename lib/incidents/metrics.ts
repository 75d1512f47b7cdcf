import "server-only";
import { z } from "zod";
import { listIncidentTimes } from "@/lib/incidents/queries";
import { bucketStart, MEASURES, mttx, mttxSeries, type Bucket, type IncidentTimes, type Measure, type MttxStats } from "@/lib/incidents/mttx";
import { SEVERITIES } from "@/lib/incidents/rules";

export const RANGES = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type Range = keyof typeof RANGES;
export type GroupBy = "severity" | "service";
export const MEASURE_KEYS = Object.keys(MEASURES) as Measure[];

/** Charts stay readable: the services with the most incidents get a line, the table lists all. */
export const MAX_CHARTED_SERVICES = 8;
const NO_SERVICE = "(no service)";

// Each parameter falls back on its own: one bad value in a shared link keeps the rest.
export const metricsParamsSchema = z.object({
  range: z.enum(["7d", "30d", "90d"]).catch("30d"),
  bucket: z.enum(["day", "week"]).optional().catch(undefined),
  by: z.enum(["severity", "service"]).catch("severity"),
});

export type MetricsParams = { range: Range; bucket: Bucket; by: GroupBy; bucketIsDefault: boolean };

export function parseMetricsParams(raw: Record<string, string | string[] | undefined>): MetricsParams {
  const flat = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string"));
  const p = metricsParamsSchema.parse(flat);
  // A 90-day range in days is 90 points per line: weeks read better there.
  const bucket = p.bucket ?? (p.range === "90d" ? "week" : "day");
  return { range: p.range, by: p.by, bucket, bucketIsDefault: p.bucket === undefined };
}

export type GroupRow = { group: string; incidents: number } & MttxStats;
/** One chart row per time bucket: minutes per group, null where nothing was measured. */
export type ChartRow = { bucket: string } & Record<string, number | string | null>;

export type MetricsReport = {
  from: Date;
  to: Date;
  incidents: number;
  totals: MttxStats;
  groups: GroupRow[];
  chartedGroups: string[];
  charts: Record<Measure, ChartRow[]>;
};

/** Every bucket start from `from` to `to`, so gaps show as gaps instead of vanishing. */
function bucketKeys(from: Date, to: Date, bucket: Bucket): string[] {
  const keys: string[] = [];
  const step = bucket === "week" ? 7 : 1;
  for (let d = bucketStart(from, bucket); d <= to; d = new Date(d.getTime() + step * 86_400_000)) {
    keys.push(d.toISOString().slice(0, 10));
  }
  return keys;
}

function groupNames(i: { severity: string; services: string[] }, by: GroupBy): string[] {
  if (by === "severity") return [i.severity];
  return i.services.length ? i.services : [NO_SERVICE];
}

/** MTTA, MTTM and MTTR for incidents started in the last `range`, overall, per group and per bucket. */
export async function getMttxReport(p: MetricsParams, now = new Date()): Promise<MetricsReport> {
  const to = now;
  const from = new Date(to.getTime() - RANGES[p.range] * 86_400_000);
  return buildMttxReport(await listIncidentTimes(from, to), { from, to, bucket: p.bucket, by: p.by });
}

export type ReportWindow = { from: Date; to: Date; bucket: Bucket; by: GroupBy };

/** The same report for any set of incidents (the reports page's trend picks its own). */
export function buildMttxReport(incidents: IncidentTimes[], p: ReportWindow): MetricsReport {
  const { from, to } = p;
  const byGroup = new Map<string, typeof incidents>();
  for (const i of incidents) {
    for (const g of groupNames(i, p.by)) (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(i);
  }
  const groups: GroupRow[] = [...byGroup.entries()].map(([group, list]) => ({ group, incidents: list.length, ...mttx(list) }));
  if (p.by === "severity") {
    const rank = (g: string) => (SEVERITIES as readonly string[]).indexOf(g);
    groups.sort((a, b) => rank(a.group) - rank(b.group));
  } else {
    groups.sort((a, b) => b.incidents - a.incidents || a.group.localeCompare(b.group));
  }
  const chartedGroups = (p.by === "severity" ? groups : groups.slice(0, MAX_CHARTED_SERVICES)).map((g) => g.group);

  const series = mttxSeries(incidents, p.by, p.bucket);
  const charts = {} as Record<Measure, ChartRow[]>;
  for (const m of MEASURE_KEYS) {
    const rows = new Map<string, ChartRow>(bucketKeys(from, to, p.bucket).map((b) => [b, { bucket: b }]));
    for (const point of series) {
      const row = rows.get(point.bucket);
      const mean = point[m].meanMs;
      if (row && chartedGroups.includes(point.group) && mean !== null) row[point.group] = mean / 60_000;
    }
    charts[m] = [...rows.values()];
  }
  return { from, to, incidents: incidents.length, totals: mttx(incidents), groups, chartedGroups, charts };
}
