// The dispatcher against real loopback servers: targets that timed out move to the slow lane and
// stop holding up the fast ones; each service keeps its interval while slow ones hang.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult, CheckTarget } from "@/lib/health/check";
import { Dispatcher } from "@/lib/health/dispatch";
import { DEFAULT_POLLER_OPTIONS, Poller } from "@/lib/health/poller";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let server: http.Server;
let base = "";

beforeAll(async () => {
  // /slow/… never answers within the checks' 300 ms timeout; everything else answers at once.
  server = http.createServer((req, res) => {
    if (req.url?.startsWith("/slow/")) return void setTimeout(() => res.end("late"), 2_000).unref();
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const target = (slug: string, slow: boolean, intervalMs = 60_000): CheckTarget => ({
  slug, intervalMs, scrape: null, scrapeTimeoutMs: 300, families: new Set(),
  health: { url: `${base}/${slow ? "slow" : "fast"}/${slug}`, method: "GET", timeout: 300, expectStatus: 200, fields: [] } as unknown as CheckTarget["health"],
});

describe("the slow lane", () => {
  it("moves targets that timed out out of the fast lane, so the fast ones never wait behind them", async () => {
    const d = new Dispatcher(2, () => ({ maxBytes: 1_000_000 }));
    const slow = ["s1", "s2", "s3", "s4"].map((s) => target(s, true));
    const fast = ["f1", "f2", "f3", "f4"].map((s) => target(s, false));
    // First time nothing is known: the slow ones take the two fast slots, the fast ones queue.
    let started = performance.now();
    await Promise.all([...slow, ...fast].map((t) => d.check(t)));
    expect(performance.now() - started).toBeGreaterThan(550);
    expect(slow.every((t) => d.isSlow(t.slug)) && fast.every((t) => !d.isSlow(t.slug))).toBe(true);
    // Next time the slow ones wait in their own lane: the fast ones are done at once.
    started = performance.now();
    const slowDone = Promise.all(slow.map((t) => d.check(t)));
    const results = await Promise.all(fast.map((t) => d.check(t)));
    expect(performance.now() - started).toBeLessThan(250);
    expect(results.map((r) => r.status)).toEqual(["up", "up", "up", "up"]);
    expect(d.stats()).toMatchObject({ fast: { slots: 2 }, slow: { slots: 2, active: 2 }, slowTargets: 4 });
    expect((await slowDone).map((r) => r.reason)).toEqual(Array(4).fill("timeout after 0.3 s"));
  });

  it("sends a slow target that answers quickly again back to the fast lane", async () => {
    const d = new Dispatcher("auto", () => ({ maxBytes: 1_000_000 }));
    await d.check(target("back", true));
    expect(d.isSlow("back")).toBe(true);
    await d.check(target("back", false));
    expect(d.isSlow("back")).toBe(false);
  });
});

describe("due times in the running poller", () => {
  it("checks every service once per interval, on its own slot, while a third of them hang", async () => {
    const interval = 600;
    const targets = Array.from({ length: 30 }, (_, i) => target(`svc-${i}`, i % 3 === 0, interval));
    const seen = new Map<string, number[]>();
    const record = async (results: CheckResult[]) => {
      for (const r of results) seen.set(r.slug, [...(seen.get(r.slug) ?? []), r.at.getTime()]);
      return [];
    };
    const poller = new Poller({ leadership: null, targets: async () => targets, record }, { ...DEFAULT_POLLER_OPTIONS, concurrency: 8, tickMs: 20 });
    poller.start();
    await sleep(3_500);
    await poller.stop();
    const gaps = [...seen.values()].flatMap((times) => times.slice(1).map((t, i) => t - times[i]));
    expect(seen.size).toBe(30);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(interval * 1.2);
    // Spread: the checks of one interval do not all start in the same tick.
    const starts = new Set([...seen.values()].map((times) => Math.floor(times[2] / 100)));
    expect(starts.size).toBeGreaterThan(3);
  });
});
