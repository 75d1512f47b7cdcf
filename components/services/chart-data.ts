// Shapes a panel's series for Recharts, and reads what a glance needs: the latest values and
// whether they cross a threshold.
import type { PanelData, PanelRange, PanelThresholds } from "@/lib/services/types";

export type Row = { t: number } & Record<string, number | null>;

export const seriesKey = (i: number) => `s${i}`;

/** One row per timestamp, one column per series; a missing point is null (a gap, not a zero). */
export function toRows(panel: PanelData): Row[] {
  const byT = new Map<number, Row>();
  panel.series.forEach((s, i) => {
    for (const p of s.points) {
      const row = byT.get(p.t) ?? ({ t: p.t } as Row);
      row[seriesKey(i)] = p.v;
      byT.set(p.t, row);
    }
  });
  const rows = [...byT.values()].sort((a, b) => a.t - b.t);
  for (const row of rows) panel.series.forEach((_, i) => (row[seriesKey(i)] ??= null));
  return rows;
}

export const sampleCount = (panel: PanelData) =>
  panel.series.reduce((n, s) => n + s.points.filter((p) => p.v !== null && Number.isFinite(p.v)).length, 0);

export function latest(points: { t: number; v: number | null }[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i].v !== null) return points[i].v;
  return null;
}

export type Breach = "crit" | "warn" | null;

export function breach(v: number | null, t: PanelThresholds | null): Breach {
  if (v === null || !t) return null;
  const over = (limit: number | undefined) => limit !== undefined && (t.direction === "below" ? v < limit : v > limit);
  return over(t.crit) ? "crit" : over(t.warn) ? "warn" : null;
}

const MIN = 60_000;
const TICK_STEP: Record<PanelRange, number> = { "15m": 5 * MIN, "1h": 15 * MIN, "6h": 60 * MIN, "24h": 240 * MIN };

/** Round local-time ticks: :00 :15 :30 :45 for an hour, every 4 h (00, 04, 08…) for a day. */
export function timeTicks(start: number, end: number, range: PanelRange): number[] {
  const step = TICK_STEP[range];
  const d = new Date(start);
  d.setSeconds(0, 0);
  if (step >= 60 * MIN) {
    d.setMinutes(0);
    d.setHours(d.getHours() - (d.getHours() % (step / (60 * MIN))));
  } else {
    d.setMinutes(d.getMinutes() - (d.getMinutes() % (step / MIN)));
  }
  const ticks: number[] = [];
  for (let t = d.getTime(); t <= end; t += step) if (t >= start) ticks.push(t);
  return ticks;
}

/**
 * Round y ticks from 0 to just above the data and thresholds: 0, 0.5, 1, 1.5 (never 0.45, 0.9),
 * and round binary sizes for bytes (0, 64 MiB, 128 MiB…). Undefined (Recharts decides) below 0.
 */
export function yTicks(rows: Row[], thresholds: PanelThresholds | null, unit: string | null, intervals = 4): number[] | undefined {
  let max = Math.max(thresholds?.warn ?? 0, thresholds?.crit ?? 0);
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (k === "t" || typeof v !== "number") continue;
      if (v < 0) return undefined;
      if (v > max) max = v;
    }
  }
  if (max <= 0) return [0, 1];
  const target = max / intervals;
  let step: number;
  if (unit === "bytes" && max >= 1024) {
    const scale = 1024 ** Math.floor(Math.log(max) / Math.log(1024));
    const pow = 2 ** Math.ceil(Math.log2(target / scale));
    step = (target / scale <= pow * 0.75 && pow >= 2 ? pow * 0.75 : pow) * scale;
  } else {
    const pow = 10 ** Math.floor(Math.log10(target));
    step = ([1, 2, 2.5, 5, 10].find((m) => m * pow >= target) ?? 10) * pow;
  }
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
