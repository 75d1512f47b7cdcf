// What a health rule's checks say: "down (or degraded) for N". Pure, so the edge cases (one bad
// check, a gap in the checks, stale data, a check that is unknown) are unit-tested.
import type { CheckStatus } from "@/lib/services/types";

export type HealthLevel = "down" | "degraded";
/** One stored health check of the service (HealthCheck row), `at` in ms. */
export type Check = { at: number; status: CheckStatus; reason: string | null };

export type HealthJudged = {
  level: HealthLevel;
  /** how long the checks must have been at the level or worse */
  forMs: number;
  /** a latest check older than this (the poller stopped) never fires the rule */
  staleMs: number;
};

export type HealthVerdict =
  | { kind: "fire"; latest: Check; since: number }
  | { kind: "resolve"; latest: Check }
  /** no transition: keep what the Alert table says */
  | { kind: "keep"; latest: Check | null; since: number | null };

const RANK: Record<Exclude<CheckStatus, "unknown">, number> = { up: 0, degraded: 1, down: 2 };

/** Down meets both levels, degraded only "degraded"; unknown (never judged) meets none. */
export const meets = (status: CheckStatus, level: HealthLevel): boolean => status !== "unknown" && RANK[status] >= RANK[level];

/** "down (HTTP 503: service unavailable)", "up": a health rule's {{value}}. */
export const describeCheck = (c: Check | null): string | null => (c ? (c.reason ? `${c.status} (${c.reason.slice(0, 160)})` : c.status) : null);

/**
 * `checks` oldest first, covering at least the `for` window before the latest one.
 * Not firing: it fires when the latest check and every one before it back to `forMs` earlier
 * were at the level or worse (at least two checks: one failed check is not an outage). A gap in
 * the checks is not treated as healthy: the streak goes on across it. Firing: it resolves when
 * the latest check is better than the level; with no checks at all it keeps firing.
 */
export function judgeHealth(checks: Check[], rule: HealthJudged, firing: boolean, now: number): HealthVerdict {
  const known = checks.filter((c) => c.status !== "unknown");
  const latest = known.at(-1) ?? null;
  if (!latest) return { kind: "keep", latest: null, since: null };
  if (!meets(latest.status, rule.level)) return firing ? { kind: "resolve", latest } : { kind: "keep", latest, since: null };
  let first = known.length - 1;
  while (first > 0 && meets(known[first - 1].status, rule.level)) first--;
  const since = known[first].at;
  if (firing) return { kind: "keep", latest, since };
  const held = known.length - first >= 2 && latest.at - since >= rule.forMs && now - latest.at <= rule.staleMs;
  return held ? { kind: "fire", latest, since } : { kind: "keep", latest, since };
}
