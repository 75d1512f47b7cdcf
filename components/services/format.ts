// Numbers and times as a tired responder reads them: units spelled out, no false precision.
import type { HealthStatus } from "@/lib/services/types";

/** 0.9987 → "99.9%", null → "—" */
export function formatUptime(fraction: number | null): string {
  if (fraction === null) return "—";
  // Never round 99.96% up to a perfect "100.0%" when something failed.
  const pct = Math.floor(fraction * 1000) / 10;
  return `${pct.toFixed(1)}%`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const trim = (n: number, digits: number) => {
  const s = n.toFixed(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
};

/** 3 significant-ish digits: 0.0123, 1.23, 12.3, 123, 1.2k, 3.4M */
function compact(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e9) return `${trim(v / 1e9, 1)}G`;
  if (a >= 1e6) return `${trim(v / 1e6, 1)}M`;
  if (a >= 1e4) return `${trim(v / 1e3, 1)}k`;
  if (a >= 100) return trim(v, 0);
  if (a >= 10) return trim(v, 1);
  if (a >= 1) return trim(v, 2);
  return trim(v, 3);
}

function seconds(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return "0 s";
  if (a < 0.001) return `${trim(v * 1e6, 0)} µs`;
  if (a < 1) return `${compact(v * 1000)} ms`;
  if (a < 120) return `${compact(v)} s`;
  if (a < 7200) return `${trim(v / 60, 1)} min`;
  return `${trim(v / 3600, 1)} h`;
}

function bytes(v: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let n = v;
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${compact(n)} ${units[i]}`;
}

/**
 * A value in a panel's unit: "s", "ms", "bytes", "%", "ratio" (0..1, shown as %), "req/s"…
 * `bare`: leave off a unit that is not a scale (req/s, count), for narrow axes titled with it.
 */
export function formatValue(v: number | null | undefined, unit: string | null, bare = false): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  switch ((unit ?? "").trim().toLowerCase()) {
    case "s":
    case "seconds":
      return seconds(v);
    case "ms":
      return seconds(v / 1000);
    case "bytes":
    case "b":
      return bytes(v);
    case "%":
    case "percent":
      return `${compact(v)}%`;
    case "ratio":
      return `${compact(v * 100)}%`;
    case "":
      return compact(v);
    default:
      return bare ? compact(v) : `${compact(v)} ${unit}`;
  }
}

/** Local wall-clock time, 24-hour: "03:17" (with seconds: "03:17:42"). Client only. */
export function formatClockTime(t: number, withSeconds = false): string {
  return new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", ...(withSeconds ? { second: "2-digit" } : {}), hourCycle: "h23" });
}

/** Worst first: what needs eyes sorts to the top. */
export const STATUS_RANK: Record<HealthStatus, number> = { down: 0, impacted: 1, degraded: 2, unknown: 3, up: 4 };

export function sortWorstFirst<T extends { status: HealthStatus; tier: number | null; name: string }>(list: T[]): T[] {
  return [...list].sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.tier ?? 99) - (b.tier ?? 99) || a.name.localeCompare(b.name),
  );
}
