// When each service is checked, and in which lane. Pure functions, so the rules are tested
// without a clock or a network.
//
// Every service has its own phase within its interval, derived from its slug: its checks fall at
// epoch + phase + k × interval. A catalog of 2,000 services at 15 s is then checked ~133 at a time
// every second instead of 2,000 at once every 15 s (a step that filled every slot with slow
// targets). The phase depends only on the slug, so a new leader keeps its predecessor's rhythm
// and adding a service moves no other.
import type { CheckTarget } from "@/lib/health/check";

/** The fewest and most slots per lane when sized to the catalog. */
export const MIN_SLOTS = 64;
export const MAX_SLOTS = 1024;

/** A check that took this share of its timeout (or more) counts as slow: it timed out, or nearly. */
export const SLOW_SHARE = 0.9;

/**
 * The shortest wait after a check before the next, as a share of the interval: a service's first
 * check runs at once and the next falls on its first slot at least this much later (a first gap
 * of 0.1–1.1 intervals, never a double check).
 */
export const FIRST_GAP_SHARE = 0.1;

/**
 * A new leader's first sweep: every service is checked within this long (or its interval, if
 * shorter), each at its phase scaled down to it. Not all in one instant: 2,000 connections and
 * parses at once starve the event loop for seconds, and the database writes with it.
 */
export const FIRST_SWEEP_MS = 2_000;

/**
 * FNV-1a, then MurmurHash3's finalizer: FNV alone spreads slugs that differ only in their last
 * characters ("svc-1", "svc-2") poorly over the high bits the phase is taken from. Stable across
 * processes and releases.
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The service's offset within its interval, in [0, intervalMs). */
export function phaseOf(slug: string, intervalMs: number): number {
  return Math.floor((hash32(slug) / 2 ** 32) * intervalMs);
}

/** The first of the service's slots (epoch + phase + k × interval) strictly after `after`. */
export function nextSlot(after: number, intervalMs: number, phaseMs: number): number {
  const k = Math.floor((after - phaseMs) / intervalMs) + 1;
  return k * intervalMs + phaseMs;
}

/** When a service seen for the first time (at `now`) gets its first check: within the first sweep. */
export function firstDue(slug: string, intervalMs: number, now: number): number {
  const sweep = Math.min(intervalMs, FIRST_SWEEP_MS);
  return now + Math.floor((phaseOf(slug, intervalMs) / intervalMs) * sweep);
}

/**
 * When a check dispatched `now`, for the time it was `due`, is next due: its first slot after
 * `due` that is at least FIRST_GAP_SHARE of an interval after `now`. On time, that is the slot one interval
 * after `due`, so lateness never accumulates; dispatched very late (the poller was stalled), it
 * skips the slots it missed rather than checking twice in a row.
 */
export function nextDue(slug: string, intervalMs: number, now: number, due: number): number {
  const earliest = now + intervalMs * FIRST_GAP_SHARE;
  return nextSlot(Math.max(due, earliest), intervalMs, phaseOf(slug, intervalMs));
}

/** The longest a check of this target can take: its health check and scrape run side by side. */
export function timeoutOf(t: CheckTarget): number {
  return Math.max(t.health?.timeout ?? 0, t.scrape ? t.scrapeTimeoutMs : 0);
}

/** Whether a check that took `elapsedMs` sends its target to the slow lane next time. */
export function isSlow(t: CheckTarget, elapsedMs: number): boolean {
  const limit = timeoutOf(t);
  return limit > 0 && elapsedMs >= limit * SLOW_SHARE;
}

/**
 * Slots per lane for a catalog: enough that every service could take its whole timeout and
 * still be checked on time (Little's law: Σ timeout / interval checks in flight), between
 * MIN_SLOTS and MAX_SLOTS. A slot costs nothing until a check fills it, so sizing for the worst
 * case is free on a good day; the cap bounds sockets and memory on a very bad one.
 */
export function slotsFor(targets: CheckTarget[]): number {
  let inFlight = 0;
  for (const t of targets) inFlight += timeoutOf(t) / Math.max(t.intervalMs, 1);
  return Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Math.ceil(inFlight)));
}
