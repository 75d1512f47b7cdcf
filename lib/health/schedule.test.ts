// The scheduling rules: each service on its own slot within its interval, the first sweep spread
// over FIRST_SWEEP_MS, no drift, no double checks, slow means "took most of its timeout", and
// lanes sized to the catalog.
import { describe, expect, it } from "vitest";
import type { CheckTarget } from "@/lib/health/check";
import { firstDue, FIRST_SWEEP_MS, isSlow, MAX_SLOTS, MIN_SLOTS, nextDue, phaseOf, slotsFor } from "@/lib/health/schedule";

const target = (slug: string, intervalMs = 15_000, timeoutMs = 5_000): CheckTarget => ({
  slug, intervalMs, health: null, scrape: `http://127.0.0.1/${slug}/metrics`, scrapeTimeoutMs: timeoutMs, families: new Set(),
});
const slugs = Array.from({ length: 2000 }, (_, i) => `svc-${i}`);

describe("due times", () => {
  it("spreads 2,000 services evenly over the interval, the same way in every process", () => {
    const perSecond = new Array(15).fill(0);
    for (const s of slugs) perSecond[Math.floor(phaseOf(s, 15_000) / 1000)]++;
    // ~133 a second; a step (everything in one second) would put 2,000 in one bucket.
    expect(Math.min(...perSecond)).toBeGreaterThan(95);
    expect(Math.max(...perSecond)).toBeLessThan(175);
    expect(slugs.map((s) => phaseOf(s, 15_000))).toEqual(slugs.map((s) => phaseOf(s, 15_000)));
  });

  it("checks a new service within the first sweep, then settles on its slot, one interval apart, without drift", () => {
    const now = 1_000_000_000_000;
    const interval = 15_000;
    for (const s of slugs.slice(0, 200)) {
      const first = firstDue(s, interval, now);
      expect(first - now).toBeGreaterThanOrEqual(0);
      expect(first - now).toBeLessThan(FIRST_SWEEP_MS);
      // Dispatched a little late each time (a tick, a busy loop): the slots stay put.
      let due = nextDue(s, interval, first + 300, first);
      expect(due - first).toBeGreaterThan(interval * 0.1);
      expect(due - first).toBeLessThanOrEqual(interval * 1.1 + 300);
      expect((due - phaseOf(s, interval)) % interval).toBe(0);
      for (let k = 0; k < 5; k++) {
        const next = nextDue(s, interval, due + 450, due);
        expect(next - due).toBe(interval);
        due = next;
      }
    }
  });

  it("skips the slots a stalled poller missed instead of checking twice in a row", () => {
    const s = "payments-api";
    const interval = 10_000;
    const due = nextDue(s, interval, 0, 0);
    // Dispatched 9.5 s late: the slot 0.5 s later is skipped, the one after is taken.
    const next = nextDue(s, interval, due + 9_500, due);
    expect(next - (due + 9_500)).toBeGreaterThanOrEqual(interval * 0.1);
    expect(next - due).toBe(2 * interval);
  });

  it("keeps a short interval's first sweep within the interval", () => {
    for (const s of slugs.slice(0, 50)) expect(firstDue(s, 1000, 0)).toBeLessThan(1000);
  });
});

describe("lanes", () => {
  it("counts a check as slow when it took 90% of its timeout or more", () => {
    const t = target("a", 15_000, 5_000);
    expect(isSlow(t, 5_004)).toBe(true);
    expect(isSlow(t, 4_500)).toBe(true);
    expect(isSlow(t, 120)).toBe(false);
    // The health check and the scrape run side by side: the longer timeout decides.
    expect(isSlow({ ...t, health: { timeout: 10_000 } as CheckTarget["health"] }, 5_000)).toBe(false);
  });

  it("sizes each lane so every service could time out and still be on time, within bounds", () => {
    expect(slotsFor([])).toBe(MIN_SLOTS);
    expect(slotsFor(slugs.slice(0, 100).map((s) => target(s)))).toBe(MIN_SLOTS);
    // 2,000 × 5 s / 15 s
    expect(slotsFor(slugs.map((s) => target(s)))).toBe(667);
    expect(slotsFor(slugs.map((s) => target(s, 1_000)))).toBe(MAX_SLOTS);
  });
});
