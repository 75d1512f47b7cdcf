import "server-only";
import { buildMttxReport, type MetricsReport } from "@/lib/incidents/metrics";
import { listReportedIncidentTimes } from "@/lib/reports/list-queries";
import type { ReportFilter } from "@/lib/reports/list-schemas";

const WEEK_MS = 7 * 86_400_000;
/** With no date filter the trend shows the last 12 weeks. */
export const TREND_WEEKS = 12;
/** A wide date filter still charts at most two years of weeks: beyond that the lines are noise. */
export const MAX_TREND_WEEKS = 104;

export type TrendWindow = { from: Date; to: Date; clipped: boolean };

/** The trend's window: the date filter where there is one, else the last 12 weeks. */
export function trendWindow(f: { from?: Date; to?: Date }, now = new Date()): TrendWindow {
  const to = f.to ?? now;
  const earliest = new Date(to.getTime() - MAX_TREND_WEEKS * WEEK_MS);
  const from = f.from ?? new Date(to.getTime() - TREND_WEEKS * WEEK_MS);
  return from < earliest ? { from: earliest, to, clipped: true } : { from, to, clipped: false };
}

export type ReportTrend = MetricsReport & { clipped: boolean };

/** Weekly MTTA, MTTM and MTTR per severity, for the incidents of the reports the filters list. */
export async function getReportTrend(f: ReportFilter, now = new Date()): Promise<ReportTrend> {
  const w = trendWindow(f, now);
  const incidents = await listReportedIncidentTimes(f, w.from, w.to);
  return { ...buildMttxReport(incidents, { from: w.from, to: w.to, bucket: "week", by: "severity" }), clipped: w.clipped };
}
