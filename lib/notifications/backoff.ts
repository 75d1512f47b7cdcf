// When a failed delivery is tried again, and when Sitrep stops trying.

/** Waits after the 1st, 2nd, … failed attempt; the 6th failure is final. */
export const RETRY_DELAYS_MS = [15_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * The wait after failed attempt `attempt` (1-based), ±20% so that a receiver that was down for
 * everyone is not hit by every instance's retries in the same second; null once attempts are spent.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[Math.max(0, attempt - 1)];
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** An answer that no retry can fix: the receiver rejected the request itself (bad URL, revoked hook). */
export function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; capped at an hour, null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms) || ms < 0) return null;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
