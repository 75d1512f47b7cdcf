import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPacer, gapAfter, PACE } from "@/lib/live/pacer";

describe("live refetch pacing", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("refetches once, shortly after a burst of changes", async () => {
    const run = vi.fn(async () => {});
    const pacer = createPacer(run);
    for (let i = 0; i < 20; i++) pacer.trigger();
    await vi.advanceTimersByTimeAsync(PACE.debounceMs - 1);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("under a steady stream of changes, refetches at most once per gap, never two at a time", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const run = vi.fn(async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 50));
      inFlight--;
    });
    const pacer = createPacer(run);
    // A change every 20 ms for 10 s.
    for (let t = 0; t < 10_000; t += 20) {
      pacer.trigger();
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(maxInFlight).toBe(1);
    // 10 s with a 1 s gap after each 50 ms refetch: about 10, not 200.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(run.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it("backs off when the server is slow: the gap is twice the last refetch, up to the cap", async () => {
    expect(gapAfter(10)).toBe(PACE.minGapMs);
    expect(gapAfter(3_000)).toBe(6_000);
    expect(gapAfter(60_000)).toBe(PACE.maxGapMs);
    const starts: number[] = [];
    const run = vi.fn(async () => {
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 3_000));
    });
    const pacer = createPacer(run);
    for (let t = 0; t < 30_000; t += 100) {
      pacer.trigger();
      await vi.advanceTimersByTimeAsync(100);
    }
    const gaps = starts.slice(1).map((s, i) => s - starts[i]);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(3_000 + 6_000);
  });

  it("a change after a quiet spell shows at once (after the debounce), and a failed refetch does not stop it", async () => {
    const run = vi.fn(async () => {
      throw new Error("HTTP 503");
    });
    const pacer = createPacer(run);
    pacer.trigger();
    await vi.advanceTimersByTimeAsync(PACE.debounceMs);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    pacer.trigger();
    await vi.advanceTimersByTimeAsync(PACE.debounceMs);
    expect(run).toHaveBeenCalledTimes(2);
    pacer.dispose();
    pacer.trigger();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
