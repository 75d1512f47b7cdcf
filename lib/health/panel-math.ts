// Turns stored samples into chart lines for a directly scraped panel, with the semantics of the
// PromQL shown beside it (lib/health/promql.ts): sum by (labels) of the value, rate, quantile or
// ratio, evaluated at each step.
import { counterIncrease, counterRate, histogramQuantile, type Point } from "@/lib/health/series";
import { quantileOf } from "@/lib/health/promql";
import type { CatalogSeries } from "@/lib/services/catalog-schema";
import type { PanelSeries } from "@/lib/services/types";

export type StoredSeries = { name: string; labels: Record<string, string>; points: Point[] };
export type Grid = { steps: number[]; windowMs: number; lookbackMs: number };

/** The sample names a line reads. */
export function namesFor(s: CatalogSeries): string[] {
  if (!s.metric) return [];
  if (quantileOf(s.kind) !== null) return [`${s.metric.replace(/_bucket$/, "")}_bucket`];
  return s.kind === "ratio" && s.denominator ? [s.metric, s.denominator] : [s.metric];
}

const matches = (st: StoredSeries, want: Record<string, string>) => Object.entries(want).every(([k, v]) => st.labels[k] === v);

function inWindow(points: Point[], from: number, to: number): Point[] {
  // Points are sorted by time; charts have ~120 steps, so a binary search per step keeps this cheap.
  let lo = 0, hi = points.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (points[mid].t <= from) lo = mid + 1; else hi = mid; }
  const out: Point[] = [];
  for (let i = lo; i < points.length && points[i].t <= to; i++) out.push(points[i]);
  return out;
}

const sumOrNull = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
};

function valueAt(kind: CatalogSeries["kind"], group: StoredSeries[], t: number, g: Grid, s: CatalogSeries): number | null {
  const q = quantileOf(kind);
  if (kind === "gauge") return sumOrNull(group.map((st) => inWindow(st.points, t - g.lookbackMs, t).at(-1)?.v ?? null));
  if (kind === "rate") return sumOrNull(group.map((st) => counterRate(inWindow(st.points, t - g.windowMs, t))));
  if (kind === "ratio") {
    const part = (name: string) => sumOrNull(group.filter((st) => st.name === name).map((st) => inWindow(st.points, t - g.lookbackMs, t).at(-1)?.v ?? null));
    const num = part(s.metric!), den = part(s.denominator!);
    return num === null || den === null || den === 0 ? null : num / den;
  }
  if (q === null) return null;
  const byLe = new Map<number, number>();
  for (const st of group) {
    const inc = counterIncrease(inWindow(st.points, t - g.windowMs, t));
    if (inc === null) continue;
    const le = st.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(st.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + inc);
  }
  return histogramQuantile(q, [...byLe].map(([le, count]) => ({ le, count })));
}

function legendFor(s: CatalogSeries, key: Record<string, string>, fallback: string): string {
  if (s.legend) return s.legend.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, k: string) => key[k] ?? "");
  const parts = Object.values(key);
  return parts.length ? parts.join(" · ") : fallback;
}

export function computeLines(s: CatalogSeries, stored: StoredSeries[], g: Grid, fallbackLabel: string): PanelSeries[] {
  const names = new Set(namesFor(s));
  const groups = new Map<string, { key: Record<string, string>; members: StoredSeries[] }>();
  for (const st of stored) {
    if (!names.has(st.name) || !matches(st, s.labels)) continue;
    const key = Object.fromEntries(s.by.map((b) => [b, st.labels[b] ?? ""]));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, members: [] };
    group.members.push(st);
    groups.set(id, group);
  }
  return [...groups.values()]
    .sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)))
    .map(({ key, members }) => ({
      label: legendFor(s, key, fallbackLabel),
      points: g.steps.map((t) => ({ t, v: valueAt(s.kind, members, t, g, s) })),
    }));
}
