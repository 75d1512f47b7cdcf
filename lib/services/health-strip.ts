// The war room's service-health strip, free of any database: which services it shows and in
// what order, how long they have been failing, and what a "Declare incident" from one of them
// suggests. Shared by the server (the strip's data) and the browser (its labels and the dialog).
import type { Severity } from "@/lib/incidents/rules";
import type { HealthStatus, OpenIncidentRef } from "@/lib/services/types";

/** A failing service as the strip shows it. Plain JSON: it crosses to the browser unchanged. */
export type StripService = {
  slug: string;
  name: string;
  tier: number | null;
  /** down or degraded by its own check; impacted when a dependency is down */
  status: Extract<HealthStatus, "down" | "degraded" | "impacted">;
  reason: string | null;
  /** ISO time the current status began */
  since: string;
  /** open incidents that already list the service, worst severity first */
  openIncidents: OpenIncidentRef[];
};

export type HealthStrip = {
  /** catalog services in all */
  total: number;
  /** up by their own check */
  up: number;
  /** not checked yet, or not monitored */
  unknown: number;
  /** down, degraded and impacted services, worst first: the first STRIP_LIMIT of them */
  failing: StripService[];
  /** how many are failing in all, by status (the strip's headline counts) */
  counts: Record<StripService["status"], number>;
  /** failing services left off the list (see all of them on /services?status=failing) */
  more: number;
};

/** Failing services the strip names; on a very bad day the rest are a count and a link. */
export const STRIP_LIMIT = 24;

const RANK: Record<StripService["status"], number> = { down: 0, degraded: 1, impacted: 2 };

/** Down before degraded before impacted; then the most critical tier; then the longest failing. */
export function sortStrip(list: StripService[]): StripService[] {
  return [...list].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || (a.tier ?? 99) - (b.tier ?? 99) || Date.parse(a.since) - Date.parse(b.since) || a.name.localeCompare(b.name),
  );
}

/** Whether a status belongs on the strip: down or degraded by its own check (impacted is one of those, explained). */
export const isFailing = (s: HealthStatus): s is StripService["status"] => s === "down" || s === "degraded" || s === "impacted";

/**
 * The severity a declaration from a failing service starts with: the catalog's tiers run from
 * 0 (most critical) to 4, so tiers 0 and 1 suggest P1, tier 2 P2, anything else (or no tier)
 * P3. The person declaring can always change it.
 */
export function severityForTier(tier: number | null): Severity {
  if (tier !== null && tier <= 1) return "P1";
  if (tier === 2) return "P2";
  return "P3";
}

/** "Beacon Runner is down", "NATS JetStream is degraded". */
export function declareTitle(name: string, status: HealthStatus): string {
  return `${name} is ${status === "impacted" ? "failing" : status}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "03:12 UTC", with the date ("6 Dec 03:12 UTC") once it is not today's (UTC). */
export function formatSinceTime(since: number, now: number): string {
  const d = new Date(since);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  if (new Date(now).toISOString().slice(0, 10) === d.toISOString().slice(0, 10)) return time;
  const month = d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
  return `${d.getUTCDate()} ${month} ${time}`;
}

/** "under 1 min", "4 min", "2 h 05 min", "3 d 4 h": how long, readable across a room. */
export function formatFor(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return "under 1 min";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${pad(min % 60)} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const LABEL: Record<StripService["status"], string> = { down: "Down", degraded: "Degraded", impacted: "Impacted" };

/** "Down since 03:12 UTC · 4 min". */
export function formatFailingSince(status: StripService["status"], since: string, now: number): string {
  const t = Date.parse(since);
  return `${LABEL[status]} since ${formatSinceTime(t, now)} · ${formatFor(now - t)}`;
}

/** "All 8 services healthy", or what keeps it from being all of them. */
export function healthyLine(strip: Pick<HealthStrip, "total" | "up" | "unknown">): string {
  const noun = (n: number) => `service${n === 1 ? "" : "s"}`;
  if (strip.up === strip.total) return strip.total === 1 ? "The 1 service is healthy" : `All ${strip.total} ${noun(strip.total)} healthy`;
  return `${strip.up} of ${strip.total} ${noun(strip.total)} healthy · ${strip.unknown} not checked yet or not monitored`;
}

/** The prefilled summary: what the health check saw, and since when (UTC, with the date). */
export function declareSummary(s: { name: string; status: HealthStatus; reason: string | null; since: string | null }): string {
  const when = s.since ? ` since ${new Date(s.since).toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  const why = s.reason ? `: ${s.reason}` : "";
  return `Sitrep's health check reports ${s.name} ${s.status}${when}${why}.`;
}

/** Everything the declare dialog starts with when declaring from a failing service. */
export function declarePrefill(s: { slug: string; name: string; tier: number | null; status: HealthStatus; reason: string | null; since: string | null }) {
  return { title: declareTitle(s.name, s.status), severity: severityForTier(s.tier), services: [s.slug], summary: declareSummary(s), runbookFor: s.slug };
}
