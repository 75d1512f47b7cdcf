// How a live screen follows a stream of changes without hammering the server on a bad day.
// The first change refetches after a short debounce (a burst makes one refetch), so one change
// shows within a fraction of a second. While changes keep coming, the next refetch waits until
// the previous one has finished AND a gap has passed: at least MIN_GAP_MS, and twice as long as
// the last refetch took (at most MAX_GAP_MS). A slow server therefore gets fewer requests from
// every open screen instead of a queue of them: 50 screens in a war room back off together.
// scripts/bench/war-day-viewers.mjs models browsers with the same rule.

export const PACE = { debounceMs: 100, minGapMs: 1_000, maxGapMs: 10_000 } as const;

export type Pacer = { trigger: () => void; dispose: () => void };

export function gapAfter(durationMs: number): number {
  return Math.min(PACE.maxGapMs, Math.max(PACE.minGapMs, 2 * durationMs));
}

export function createPacer(run: () => Promise<unknown> | void, now: () => number = Date.now): Pacer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let pending = false;
  let notBefore = 0;
  let disposed = false;

  const schedule = () => {
    if (timer !== undefined || running || disposed) return;
    const wait = Math.max(PACE.debounceMs, notBefore - now());
    timer = setTimeout(fire, wait);
  };
  const fire = async () => {
    timer = undefined;
    pending = false;
    running = true;
    const started = now();
    try {
      await run();
    } catch {
      // The screen shows its own error state; the next change tries again.
    } finally {
      running = false;
      notBefore = now() + gapAfter(now() - started);
      if (pending) schedule();
    }
  };
  return {
    trigger() {
      pending = true;
      schedule();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
