// The poller's rule evaluation: on its own interval, only while leader, never two at once, and a
// failure is logged without stopping the polling.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLLER_OPTIONS, Poller, type PollerDeps } from "@/lib/health/poller";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OPTIONS = { ...DEFAULT_POLLER_OPTIONS, tickMs: 20, leaderCheckMs: 0, evaluateMs: 100 };

function poller(deps: Partial<PollerDeps>) {
  const errors: string[] = [];
  const p = new Poller({ leadership: null, targets: async () => [], record: async () => [], log: { info() {}, warn() {}, error: (m: string) => void errors.push(m) }, ...deps }, OPTIONS);
  return { p, errors };
}

describe("rule evaluation in the poller", () => {
  it("runs every evaluateMs while leader, one round at a time, and logs a failure without stopping", async () => {
    let rounds = 0, running = 0, overlapped = false;
    const { p, errors } = poller({
      evaluate: async () => {
        rounds++;
        overlapped ||= running > 0;
        running++;
        await sleep(rounds === 1 ? 250 : 5); // the first round outlasts two intervals
        running--;
        if (rounds === 2) throw new Error("database unreachable");
      },
    });
    p.start();
    await sleep(700);
    await p.stop();
    expect(overlapped).toBe(false);
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(rounds).toBeLessThanOrEqual(6);
    expect(errors).toEqual(["[poller] rule evaluation failed: database unreachable"]);
  });

  it("does not evaluate without the leadership", async () => {
    let rounds = 0;
    const { p } = poller({ leadership: { tryAcquire: async () => false, release: async () => {} }, evaluate: async () => void rounds++ });
    p.start();
    await sleep(300);
    await p.stop();
    expect(rounds).toBe(0);
  });
});

describe("after recording, in the poller", () => {
  // A target with nothing to check: runCheck answers at once, with no I/O.
  const target = (slug: string) => ({ slug, intervalMs: 40, health: null, scrape: null, scrapeTimeoutMs: 1000, families: new Set<string>() });

  it("passes every recorded batch on, one call at a time (batches that waited come together), and stop waits for it", async () => {
    let recorded = 0, passed = 0, calls = 0, running = 0, overlapped = false, finished = false;
    const { p, errors } = poller({
      targets: async () => [target("a"), target("b")],
      record: async (results) => {
        recorded += results.length;
        return [];
      },
      recorded: async (results) => {
        calls++;
        overlapped ||= running > 0;
        running++;
        await sleep(calls === 1 ? 250 : 5); // the first call outlasts several batches
        passed += results.length;
        running--;
        if (calls === 2) throw new Error("rules unreachable");
        finished = !running;
      },
    });
    p.start();
    await sleep(600);
    await p.stop();
    expect(overlapped).toBe(false);
    expect(recorded).toBeGreaterThanOrEqual(10);
    expect(passed).toBe(recorded);
    expect(calls).toBeLessThan(recorded);
    expect(finished).toBe(true);
    expect(errors).toEqual(["[poller] after recording checks: rules unreachable"]);
  });

  it("is not called when recording failed", async () => {
    let calls = 0;
    const { p, errors } = poller({
      targets: async () => [target("a")],
      record: async () => { throw new Error("database down"); },
      recorded: async () => void calls++,
    });
    p.start();
    await sleep(200);
    await p.stop();
    expect(calls).toBe(0);
    expect(errors[0]).toMatch(/^\[poller\] could not record 1 check\(s\): database down$/);
  });
});
