#!/usr/bin/env node
// `npm run bench:poller`: 2,000 loopback endpoints, 10% slower than the 5 s timeout, 5% refusing
// connections, checked every 15 s by the real poller (each service on its own slot, the slow
// lane, one write per tick): after the first sweep is stored and one warm-up interval, 4 measured
// intervals. Goals: every service's longest gap between checks ≤ 1.2 × the interval; Sitrep's CPU
// seconds per 1,000 checks ≤ 2 × a real Prometheus scraping the same targets at the same interval
// in the same run. The two are measured one after the other, not competing for CPU. Sitrep's
// figure is the poller process (fetch, parse, batch writes); the database's own CPU is not
// counted, as Prometheus' embedded TSDB is (see docs/benchmarks.md). Also printed: the first
// sweep (every service checked and stored once) and how long the writes took.
//   BENCH_TARGETS=2000 BENCH_INTERVALS=4 BENCH_INTERVAL_S=15 npm run bench:poller
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { onStop, run, runBench, startDatabase } from "./bench/processes.mjs";
import { startTargets } from "./bench/poller-targets.mjs";
import { measurePrometheus } from "./bench/prometheus-cpu.mjs";
import { prometheusAvailable, PROMETHEUS_BIN } from "./testing/prometheus.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const COUNT = Number(process.env.BENCH_TARGETS || 2000);
const INTERVALS = Number(process.env.BENCH_INTERVALS || process.env.BENCH_ROUNDS || 4);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S || 15);
const TIMEOUT_S = 5;
const say = (msg) => console.log(`[bench] ${msg}`);
const mark = (ok) => (ok ? "PASS" : "FAIL");

function sitrepPoller(env, file) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/bench/sitrep-poller.ts"], {
      cwd: root,
      env: { ...env, BENCH_TARGETS: file, BENCH_INTERVALS: String(INTERVALS), BENCH_INTERVAL_MS: String(INTERVAL_S * 1000), BENCH_TIMEOUT_MS: String(TIMEOUT_S * 1000) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    onStop(() => child.kill("SIGTERM"));
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1))) : reject(new Error(`Sitrep poller exited with ${code}`))));
  });
}

function report(s, prom) {
  const per1000 = (s.cpuSeconds / s.checks) * 1000;
  const expected = Math.round((COUNT * s.windowS) / INTERVAL_S);
  const sweep = s.firstSweepMs === null ? "not stored within 4 intervals" : `${(s.firstSweepMs / 1000).toFixed(2)} s until every service was checked and stored once (${(s.firstSweepMs / 1000 / TIMEOUT_S).toFixed(2)} × the ${TIMEOUT_S} s timeout; it creates every series; no goal)`;
  const goals = [s.maxGapRatio <= 1.2];
  console.log("");
  console.log(`  longest gap per service  max ${s.maxGapRatio.toFixed(2)} × the ${INTERVAL_S} s interval (${(s.maxGapRatio * INTERVAL_S).toFixed(1)} s), p99 ${s.p99GapRatio.toFixed(2)}, median ${s.medianGapRatio.toFixed(2)}; ${s.over} service(s) over 1.2  (goal ≤ 1.2) ${mark(goals[0])}`);
  console.log(`  first sweep              ${sweep}`);
  console.log(`  writes                   first sweep + warm-up: ${s.writes.warmup}, longest ${s.writes.warmupMaxMs} ms (up to ${s.writes.warmupMaxResults} results); measured: ${s.writes.measured}, p50 ${s.writes.p50Ms} ms, max ${s.writes.maxMs} ms`);
  console.log(`  checks measured          ${s.checks} in ${s.windowS.toFixed(1)} s (${expected} expected at one per interval)`);
  console.log(`  lanes                    fast ${s.lanes.fast.slots} slots, slow ${s.lanes.slow.slots} slots; ${s.lanes.slowTargets} target(s) in the slow lane at the end`);
  console.log(`  Sitrep CPU               ${per1000.toFixed(3)} s per 1,000 checks  (${s.cpuSeconds.toFixed(2)} s for ${s.checks} checks)`);
  if (prom) {
    const ratio = per1000 / prom.cpuPer1000;
    goals.push(ratio <= 2);
    console.log(`  Prometheus CPU           ${prom.cpuPer1000.toFixed(3)} s per 1,000 scrapes  (${prom.cpuSeconds.toFixed(2)} s for ${prom.scrapes} scrapes)`);
    console.log(`  CPU ratio                Sitrep/Prometheus = ${ratio.toFixed(2)}  (goal ≤ 2) ${mark(ratio <= 2)}`);
  }
  console.log("");
  return goals.every(Boolean);
}

runBench(async () => {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  env.DATABASE_URL = await startDatabase(env, say);
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const fleet = await startTargets({ count: COUNT, slowMs: TIMEOUT_S * 1000 + 1000 });
  onStop(() => fleet.close());
  const kinds = fleet.targets.reduce((m, t) => ({ ...m, [t.kind]: (m[t.kind] ?? 0) + 1 }), {});
  say(`${COUNT} targets: ${kinds.ok ?? 0} answer, ${kinds.slow ?? 0} slower than the ${TIMEOUT_S} s timeout, ${kinds.refused ?? 0} refuse connections`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-bench-poller-")), "targets.json");
  fs.writeFileSync(file, JSON.stringify(fleet.targets));

  say(`Sitrep: the poller every ${INTERVAL_S} s, 1 warm-up + ${INTERVALS} measured intervals…`);
  const s = await sitrepPoller(env, file);
  say(`  statuses: ${Object.entries(s.statuses).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  let prom = null;
  if (prometheusAvailable()) {
    say(`Prometheus (${PROMETHEUS_BIN}): scraping the same targets every ${INTERVAL_S} s for ${INTERVALS} intervals…`);
    prom = await measurePrometheus({ targets: fleet.targets, rounds: INTERVALS, intervalS: INTERVAL_S, timeoutS: TIMEOUT_S })
      .catch((e) => void say(`Prometheus could not be measured: ${e.message}`));
  } else say(`Prometheus not found at ${PROMETHEUS_BIN}: install Debian's prometheus package for the CPU comparison.`);
  const ok = report(s, prom);
  const failed = prometheusAvailable() && !prom;
  if (failed) console.log("  CPU ratio                not measured (Prometheus failed)  FAIL\n");
  return ok && !failed ? 0 : 1;
});
