// MTTA, MTTM and MTTR, per FireHydrant's definitions: each is the mean of (milestone − started).
// A milestone before its start is an invalid interval: never charted, but counted and shown.
import type { Severity } from "@/lib/incidents/rules";

export const MEASURES = {
  mtta: { label: "MTTA", milestone: "acknowledgedAt", meaning: "time to acknowledge" },
  mttm: { label: "MTTM", milestone: "mitigatedAt", meaning: "time to mitigate" },
  mttr: { label: "MTTR", milestone: "resolvedAt", meaning: "time to resolve" },
} as const;
export type Measure = keyof typeof MEASURES;

export type IncidentTimes = {
  severity: Severity;
  services: string[];
  startedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
};

export type Interval = { ok: true; ms: number } | { ok: false; reason: "missing" | "invalid" };

export function interval(start: Date | null, end: Date | null): Interval {
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { ok: false, reason: "missing" };
  const ms = end.getTime() - start.getTime();
  return ms < 0 ? { ok: false, reason: "invalid" } : { ok: true, ms };
}

export type Stat = { meanMs: number | null; count: number; invalid: number };
export type MttxStats = Record<Measure, Stat>;

export function mttx(incidents: IncidentTimes[]): MttxStats {
  const out = {} as MttxStats;
  for (const measure of Object.keys(MEASURES) as Measure[]) {
    let sum = 0, count = 0, invalid = 0;
    for (const i of incidents) {
      const r = interval(i.startedAt, i[MEASURES[measure].milestone]);
      if (r.ok) { sum += r.ms; count++; } else if (r.reason === "invalid") invalid++;
    }
    out[measure] = { meanMs: count ? sum / count : null, count, invalid };
  }
  return out;
}

export type Bucket = "day" | "week";

/** Start of the UTC day, or of the UTC week (Monday), that holds `d`. */
export function bucketStart(d: Date, bucket: Bucket): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (bucket === "week") day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

export type SeriesPoint = { bucket: string; group: string } & MttxStats;

/** MTTx per time bucket (by start time) and per group: severity, or each affected service. */
export function mttxSeries(incidents: IncidentTimes[], by: "severity" | "service", bucket: Bucket): SeriesPoint[] {
  const groups = new Map<string, IncidentTimes[]>();
  for (const i of incidents) {
    if (!i.startedAt) continue;
    const key = bucketStart(i.startedAt, bucket).toISOString().slice(0, 10);
    const names = by === "severity" ? [i.severity] : i.services.length ? i.services : ["(no service)"];
    for (const g of names) {
      const k = `${key}\u0000${g}`;
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(i);
    }
  }
  return [...groups.entries()]
    .map(([k, list]) => {
      const [b, group] = k.split("\u0000");
      return { bucket: b, group, ...mttx(list) };
    })
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.group.localeCompare(b.group));
}

/** "4m 05s", "2h 10m", "3d 4h": short and readable on a big screen. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const sign = ms < 0 ? "-" : "";
  if (s < 60) return `${sign}${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${sign}${Math.floor(h / 24)}d ${h % 24}h`;
}
