import "server-only";
import { db } from "@/lib/db";
import { computeLines, namesFor, type Grid, type StoredSeries } from "@/lib/health/panel-math";
import { queryRange, seriesLabel } from "@/lib/health/prometheus";
import { directPromql } from "@/lib/health/promql";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import type { CatalogSeries, CatalogService } from "@/lib/services/catalog-schema";
import type { PanelData, PanelInfo, PanelRange, PanelSeries } from "@/lib/services/types";

const RANGE_MS: Record<PanelRange, number> = { "15m": 900_000, "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000 };
const POINTS = 120;

const intervalOf = (s: CatalogService) => s.metrics?.interval ?? s.health?.interval ?? 15_000;
const viaPrometheus = (s: CatalogService, line: CatalogSeries) => Boolean(s.metrics?.prometheus && line.query);

function grid(s: CatalogService, range: PanelRange, now: number): Grid & { start: number; end: number; stepMs: number } {
  const interval = intervalOf(s);
  const stepMs = Math.max(interval, Math.ceil(RANGE_MS[range] / POINTS / 1000) * 1000);
  const end = Math.floor(now / stepMs) * stepMs + stepMs;
  const start = end - RANGE_MS[range];
  const steps = Array.from({ length: Math.round(RANGE_MS[range] / stepMs) }, (_, i) => start + (i + 1) * stepMs);
  // Rates need a few scrapes inside their window; gauges read the last value within two scrapes.
  return { start, end, stepMs, steps, windowMs: Math.max(4 * interval, stepMs), lookbackMs: Math.max(2 * interval, stepMs) };
}

export function panelInfo(s: CatalogService, index: number, range: PanelRange = "1h"): PanelInfo {
  const p = s.panels[index];
  const windowS = grid(s, range, 0).windowMs / 1000;
  return {
    index, title: p.title, unit: p.unit ?? null, key: p.key, thresholds: p.thresholds ?? null,
    source: p.series.some((line) => viaPrometheus(s, line)) ? "prometheus" : "direct",
    promql: p.series.map((line) => (line.query ?? directPromql(line, windowS))),
  };
}

/** Samples of the named series in a time range; for long ranges, only the last of each sub-step. */
export async function loadSamples(slug: string, names: string[], from: number, to: number, binMs: number): Promise<StoredSeries[]> {
  const rows = binMs > 0
    ? await db.$queryRaw<{ id: number; name: string; labels: Record<string, string>; t: Date; v: number }[]>`
        SELECT DISTINCT ON (x."id", x."bin") x."id", x."name", x."labels", x."t", x."v" FROM (
          SELECT s."id", s."name", s."labels", m."t", m."v",
            date_bin(${`${binMs} milliseconds`}::interval, m."t", TIMESTAMPTZ '2000-01-01 00:00:00+00') AS "bin"
          FROM "MetricSeries" s JOIN "MetricSample" m ON m."seriesId" = s."id"
          WHERE s."slug" = ${slug} AND s."name" = ANY(${names}) AND m."t" > ${new Date(from)} AND m."t" <= ${new Date(to)}) x
        ORDER BY x."id", x."bin", x."t" DESC`
    : await db.$queryRaw<{ id: number; name: string; labels: Record<string, string>; t: Date; v: number }[]>`
        SELECT s."id", s."name", s."labels", m."t", m."v"
        FROM "MetricSeries" s JOIN "MetricSample" m ON m."seriesId" = s."id"
        WHERE s."slug" = ${slug} AND s."name" = ANY(${names}) AND m."t" > ${new Date(from)} AND m."t" <= ${new Date(to)}
        ORDER BY s."id", m."t"`;
  const byId = new Map<number, StoredSeries>();
  for (const r of rows) {
    const st = byId.get(r.id) ?? { name: r.name, labels: r.labels, points: [] };
    st.points.push({ t: r.t.getTime(), v: r.v });
    byId.set(r.id, st);
  }
  for (const st of byId.values()) st.points.sort((a, b) => a.t - b.t);
  return [...byId.values()];
}

async function prometheusLines(s: CatalogService, line: CatalogSeries, g: ReturnType<typeof grid>, now: number): Promise<{ lines: PanelSeries[]; error: string | null }> {
  // The grid ends up to a step after now. Prometheus would evaluate a rate there over a window
  // partly in the future and chart the latest value too low (or not at all), so stop at now.
  const res = await queryRange(s.metrics!.prometheus!, line.query!, { start: g.start, end: Math.min(g.end, now), stepMs: g.stepMs });
  if (!res.ok) return { lines: [], error: res.error };
  return { lines: res.series.map((x) => ({ label: seriesLabel(x.labels, line.legend), points: x.points })), error: null };
}

export async function getPanelData(slug: string, index: number, range: PanelRange, now = Date.now()): Promise<PanelData | null> {
  const s = (await getActiveCatalog()).catalog.services.find((x) => x.slug === slug);
  const p = s?.panels[index];
  if (!s || !p) return null;
  const g = grid(s, range, now);
  const direct = p.series.filter((line) => !viaPrometheus(s, line) && line.metric);
  const names = [...new Set(direct.flatMap(namesFor))];
  // Long ranges read a few samples per step instead of every 15 s scrape of the day.
  const binMs = g.stepMs >= 4 * intervalOf(s) ? Math.floor(g.stepMs / 4) : 0;
  const stored = names.length ? await loadSamples(s.slug, names, g.start - g.windowMs, g.end, binMs) : [];
  const errors: string[] = [];
  const series: PanelSeries[] = [];
  for (const line of p.series) {
    if (viaPrometheus(s, line)) {
      const r = await prometheusLines(s, line, g, now);
      series.push(...r.lines);
      if (r.error) errors.push(r.error);
    } else if (line.metric) {
      series.push(...computeLines(line, stored, g, line.legend ?? line.metric));
    }
  }
  const error = errors.length ? errors.join("; ") : null;
  return { ...panelInfo(s, index, range), range, start: g.start, end: g.end, stepMs: g.stepMs, series, error };
}
