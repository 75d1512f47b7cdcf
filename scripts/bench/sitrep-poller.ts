// The Sitrep side of `npm run bench:poller`, in its own process so its CPU time is its own:
// full poll rounds of the real poller (fetch, parse, store in the database) over the targets.
// Input: BENCH_TARGETS (a JSON file of target URLs), BENCH_ROUNDS. Output: one JSON line.
import fs from "node:fs";
import type { CheckTarget } from "@/lib/health/check";
import { DEFAULT_POLLER_OPTIONS, Poller } from "@/lib/health/poller";
import { recordChecks, SeriesIds } from "@/lib/health/store";

const targets: { metricsUrl: string }[] = JSON.parse(fs.readFileSync(process.env.BENCH_TARGETS!, "utf8"));
const rounds = Number(process.env.BENCH_ROUNDS || 3);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS || 5000);

// What a typical catalog stores from a service: the families its panels chart.
const families = new Set(["http_requests_total", "http_request_duration_seconds", "process_resident_memory_bytes", "circuit_breaker_open", "outbox_pending"]);
const checks: CheckTarget[] = targets.map((t, i) => ({
  slug: `bench-${i}`, intervalMs: 15_000, health: null, scrape: t.metricsUrl, scrapeTimeoutMs: timeoutMs, families,
}));

async function main() {
  const ids = new SeriesIds();
  const poller = new Poller(
    { leadership: null, targets: async () => checks, record: (r) => recordChecks(r, ids, (c) => ({ status: c.to, reason: c.reason })) },
    { ...DEFAULT_POLLER_OPTIONS },
  );
  await poller.pollOnce(checks); // warm-up: connections, series ids, JIT
  const walls: number[] = [];
  const statuses: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const results = await poller.pollOnce(checks);
    walls.push(performance.now() - started);
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({ walls, cpuSeconds, checks: rounds * checks.length, statuses }));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
