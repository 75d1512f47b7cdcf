// The Sitrep side of `npm run bench:poller`, in its own process so its CPU time is its own: the
// real poller, running as it does in the app (each service on its own slot, the slow lane, one
// write per tick to the database) over the targets for one warm-up interval and then
// BENCH_INTERVALS measured ones.
// Input: BENCH_TARGETS (a JSON file of target URLs), BENCH_INTERVALS, BENCH_INTERVAL_MS,
// BENCH_TIMEOUT_MS. Output: one JSON line.
import fs from "node:fs";
import type { CheckResult, CheckTarget } from "@/lib/health/check";
import { DEFAULT_POLLER_OPTIONS, Poller } from "@/lib/health/poller";
import { recordChecks, SeriesIds } from "@/lib/health/store";

const targets: { metricsUrl: string }[] = JSON.parse(fs.readFileSync(process.env.BENCH_TARGETS!, "utf8"));
const intervals = Number(process.env.BENCH_INTERVALS || 4);
const intervalMs = Number(process.env.BENCH_INTERVAL_MS || 15_000);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS || 5000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// What a typical catalog stores from a service: the families its panels chart. The slugs are new
// on every run, so the first sweep writes a status change (and its audit entry) per service.
const run = Date.now().toString(36);
const families = new Set(["http_requests_total", "http_request_duration_seconds", "process_resident_memory_bytes", "circuit_breaker_open", "outbox_pending"]);
const checks: CheckTarget[] = targets.map((t, i) => ({
  slug: `bench-${run}-${i}`, intervalMs, health: null, scrape: t.metricsUrl, scrapeTimeoutMs: timeoutMs, families,
}));

type Seen = { times: Map<string, number[]>; firstSweepMs: number | null; writes: { ms: number; results: number }[]; statuses: Record<string, number> };

/** Each service's check start times (as stored), and when every service had its first check stored. */
function recorder(started: number, seen: Seen) {
  const ids = new SeriesIds();
  return async (results: CheckResult[]) => {
    const began = performance.now();
    const changes = await recordChecks(results, ids, (c) => ({ status: c.to, reason: c.reason })).catch((e) => {
      ids.forget(); // the batch rolled back, and with it any series ids it created (as runtime.ts does)
      throw e;
    });
    seen.writes.push({ ms: performance.now() - began, results: results.length });
    for (const r of results) {
      const list = seen.times.get(r.slug) ?? [];
      if (!list.length) seen.times.set(r.slug, list);
      list.push(r.at.getTime());
      seen.statuses[r.status] = (seen.statuses[r.status] ?? 0) + 1;
    }
    if (seen.firstSweepMs === null && seen.times.size === checks.length) seen.firstSweepMs = Date.now() - started;
    return changes;
  };
}

/**
 * Each service's longest gap between checks in the measured window [from, to]: the gap into the
 * window from its last check before it counts, and so does the open one since its last check up
 * to `to` (every check started before `to` has been stored by then: the poller was stopped).
 */
function gaps(seen: Seen, from: number, to: number) {
  const worst = checks.map((t) => {
    const times = (seen.times.get(t.slug) ?? []).sort((a, b) => a - b);
    const start = Math.max(0, times.findIndex((x) => x >= from) - 1);
    const inWindow = times.slice(start).filter((x) => x <= to);
    let max = inWindow.length ? to - inWindow.at(-1)! : Infinity;
    for (let i = 1; i < inWindow.length; i++) max = Math.max(max, inWindow[i] - inWindow[i - 1]);
    return max;
  });
  worst.sort((a, b) => a - b);
  const ratio = (ms: number) => +(ms / intervalMs).toFixed(3);
  return {
    maxGapRatio: ratio(worst.at(-1)!),
    p99GapRatio: ratio(worst[Math.floor(worst.length * 0.99)]),
    medianGapRatio: ratio(worst[Math.floor(worst.length / 2)]),
    over: worst.filter((w) => w > intervalMs * 1.2).length,
  };
}

/** How long the writes took: the first sweep's (and warm-up's) apart from the measured ones. */
function writeStats(warmup: Seen["writes"], measured: Seen["writes"]) {
  const ms = measured.map((w) => w.ms).sort((a, b) => a - b);
  return {
    warmup: warmup.length, warmupMaxMs: Math.round(Math.max(0, ...warmup.map((w) => w.ms))), warmupMaxResults: Math.max(0, ...warmup.map((w) => w.results)),
    measured: ms.length, p50Ms: Math.round(ms[Math.floor(ms.length / 2)] ?? 0), maxMs: Math.round(ms.at(-1) ?? 0),
  };
}

async function main() {
  const started = Date.now();
  const seen: Seen = { times: new Map(), firstSweepMs: null, writes: [], statuses: {} };
  const poller = new Poller({ leadership: null, targets: async () => checks, record: recorder(started, seen) }, DEFAULT_POLLER_OPTIONS);
  poller.start();
  // Warm-up: the first sweep stored (connections, every series, JIT) and its backlog written,
  // then one interval of steady state (at most 4 intervals of waiting: a database too slow to
  // store it is a result, not a reason to hang).
  const settled = () => seen.firstSweepMs !== null && (seen.writes.at(-1)?.results ?? 0) < checks.length / 10;
  while (!settled() && Date.now() - started < 4 * intervalMs) await sleep(100);
  await sleep(intervalMs);
  const steady = seen.writes.length;
  const cpu0 = process.cpuUsage();
  const window0 = Date.now();
  await sleep(intervals * intervalMs);
  const cpu = process.cpuUsage(cpu0);
  const end = Date.now();
  const lanes = poller.dispatcher.stats();
  await poller.stop();
  // Checks that started in the window and were stored (all but those the stop cancelled).
  const measured = [...seen.times.values()].reduce((n, l) => n + l.filter((x) => x >= window0 && x < end).length, 0);
  const to = end - timeoutMs; // every check started before this has ended, and was stored
  console.log(JSON.stringify({
    firstSweepMs: seen.firstSweepMs, cpuSeconds: (cpu.user + cpu.system) / 1e6, checks: measured, windowS: (end - window0) / 1000,
    writes: writeStats(seen.writes.slice(0, steady), seen.writes.slice(steady)), statuses: seen.statuses, lanes, ...gaps(seen, window0, to),
  }));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
