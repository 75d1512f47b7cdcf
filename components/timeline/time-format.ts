// Time shown to a tired human: relative for "how long ago", absolute UTC for the record.

const pad = (n: number) => String(n).padStart(2, "0");

/** "2025-05-01 14:03 UTC" (with seconds when asked). */
export function formatUtc(value: Date | string, seconds = false): string {
  const d = new Date(value);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ""}`;
  return `${date} ${time} UTC`;
}

/** The viewer's local time, with the zone's short name. Client only: the server's zone is not theirs. */
export function formatLocal(value: Date | string): string {
  return new Date(value).toLocaleString(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
  });
}

/** "just now", "3 min ago", "2 h ago", "4 days ago"; "in 5 min" for the future. */
export function formatRelative(value: Date | string, now: number): string {
  const diff = now - new Date(value).getTime();
  const abs = Math.abs(diff);
  const future = diff < 0;
  if (abs < 45_000) return future ? "in a moment" : "just now";
  const units: [number, string][] = [[86_400_000, "day"], [3_600_000, "h"], [60_000, "min"]];
  for (const [ms, unit] of units) {
    if (abs >= ms) {
      const n = Math.round(abs / ms);
      const label = unit === "day" ? (n === 1 ? "day" : "days") : unit;
      return future ? `in ${n} ${label}` : `${n} ${label} ago`;
    }
  }
  return future ? "in a moment" : "just now";
}

/** The value for a UTC datetime-local input ("YYYY-MM-DDTHH:mm"). */
export function toUtcInputValue(value: Date | number): string {
  return new Date(value).toISOString().slice(0, 16);
}
