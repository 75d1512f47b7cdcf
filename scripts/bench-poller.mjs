#!/usr/bin/env node
// `npm run bench:poller`: 500 loopback endpoints, 10% slower than the timeout, 5% refusing
// connections. Prints the wall time of one full poll round (goal ≤ 1.2 × the timeout) and Sitrep's
// CPU seconds per 1,000 checks next to a real Prometheus scraping the same targets in the same run
// (goal: Sitrep/Prometheus ≤ 2). The two are measured one after the other, not competing for CPU.
// Sitrep's figure is the poller process (fetch, parse, batch writes); the database's own CPU is
// not counted, as Prometheus' embedded TSDB is (see README "Benchmarks").
//   BENCH_TARGETS=500 BENCH_ROUNDS=3 npm run bench:poller
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { onStop, run, runBench, startDatabase } from "./bench/processes.mjs";
import { startTargets } from "./bench/poller-targets.mjs";
import { measurePrometheus } from "./bench/prometheus-cpu.mjs";
import { prometheusAvailable, PROMETHEUS_BIN } from "./testing/prometheus.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const COUNT = Number(process.env.BENCH_TARGETS || 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const TIMEOUT_S = 5;
const say = (msg) => console.log(`[bench] ${msg}`);

function sitrepRounds(env, file) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/bench/sitrep-poller.ts"], {
      cwd: root, env: { ...env, BENCH_TARGETS: file, BENCH_ROUNDS: String(ROUNDS), BENCH_TIMEOUT_MS: String(TIMEOUT_S * 1000) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    onStop(() => child.kill("SIGTERM"));
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1))) : reject(new Error(`Sitrep poller exited with ${code}`))));
  });
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

  say(`Sitrep: 1 warm-up + ${ROUNDS} full poll rounds…`);
  const s = await sitrepRounds(env, file);
  const sitrepPer1000 = (s.cpuSeconds / s.checks) * 1000;
  const worst = Math.max(...s.walls) / 1000;
  say(`  statuses: ${Object.entries(s.statuses).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  let prom = null;
  if (prometheusAvailable()) {
    say(`Prometheus (${PROMETHEUS_BIN}): scraping the same targets every ${TIMEOUT_S} s for ${ROUNDS} intervals…`);
    prom = await measurePrometheus({ targets: fleet.targets, rounds: ROUNDS, intervalS: TIMEOUT_S, timeoutS: TIMEOUT_S });
  } else say(`Prometheus not found at ${PROMETHEUS_BIN}: install Debian's prometheus package for the CPU comparison.`);

  const wallRatio = worst / TIMEOUT_S;
  console.log("");
  console.log(`  poll round wall time   ${s.walls.map((w) => `${(w / 1000).toFixed(2)} s`).join(", ")}  (worst ${wallRatio.toFixed(2)} × the ${TIMEOUT_S} s timeout; goal ≤ 1.2) ${wallRatio <= 1.2 ? "✓" : "✗"}`);
  console.log(`  Sitrep CPU             ${sitrepPer1000.toFixed(3)} s per 1,000 checks  (${s.cpuSeconds.toFixed(2)} s for ${s.checks} checks)`);
  let ok = wallRatio <= 1.2;
  if (prom) {
    const ratio = sitrepPer1000 / prom.cpuPer1000;
    ok &&= ratio <= 2;
    console.log(`  Prometheus CPU         ${prom.cpuPer1000.toFixed(3)} s per 1,000 scrapes  (${prom.cpuSeconds.toFixed(2)} s for ${prom.scrapes} scrapes)`);
    console.log(`  CPU ratio              Sitrep/Prometheus = ${ratio.toFixed(2)}  (goal ≤ 2) ${ratio <= 2 ? "✓" : "✗"}`);
  }
  console.log("");
  return ok ? 0 : 1;
});
