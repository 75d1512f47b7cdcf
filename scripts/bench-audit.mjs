#!/usr/bin/env node
// `npm run bench:audit`: how long the audit chain's head lock is held per write, and what the
// chain costs 50 concurrent writers (scripts/bench-audit-run.ts runs the phases). Goals (issue
// 17): lock held p95 ≤ 5 ms on PostgreSQL 15; no writer fails; the chain verifies.
//   BENCH_WRITERS=50 BENCH_SECONDS=8 BENCH_ROUNDS=2 BENCH_WORK_MS=5 npm run bench:audit
import os from "node:os";
import path from "node:path";
import { percentile } from "./bench/load.mjs";
import { run, runBench } from "./bench/processes.mjs";
import { benchDatabase, tsxWorker } from "./bench/database.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const GOAL_HOLD_P95_MS = 5;
const say = (msg) => console.log(`[bench] ${msg}`);
const verdict = (ok) => (ok ? "PASS" : "FAIL");
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "—").padStart(10);

function report(r) {
  console.log("");
  say(`${r.writers} concurrent writers, ${r.seconds} s per phase (interleaved rounds), 1–3 entries per transaction, ${r.workMs} ms of work after each:`);
  console.log(`  ${"".padEnd(44)}${"tx/s".padStart(8)}${"tx p50".padStart(10)}${"tx p95".padStart(10)}${"lock p50".padStart(10)}${"lock p95".padStart(10)}${"errors".padStart(8)}`);
  const line = (label, s) => {
    const l = sorted(s.latencies), h = sorted(s.holds);
    const rate = s.done / (s.ms / 1000);
    console.log(`  ${label.padEnd(44)}${rate.toFixed(0).padStart(8)}${ms(percentile(l, 50))}${ms(percentile(l, 95))}${ms(percentile(h, 50))}${ms(percentile(h, 95))}${String(s.errors.length).padStart(8)}`);
    return { rate, holdP95: percentile(h, 95), txP95: percentile(l, 95) };
  };
  const floor = line("floor: no audit entries", r.stats.floor);
  const early = line("before: head locked at the first entry", r.stats.early);
  const now = line("now: one append at the end of the transaction", r.stats.batched);
  console.log("");
  say(`throughput against the floor: before ${(early.rate / floor.rate).toFixed(2)}×, now ${(now.rate / floor.rate).toFixed(2)}×; transaction p95 now ${(now.txP95 / floor.txP95).toFixed(2)}× the floor`);
  for (const e of [...new Set(r.stats.batched.errors)].slice(0, 5)) say(`  ✗ ${e}`);
  const holdOk = now.holdP95 <= GOAL_HOLD_P95_MS;
  const errorsOk = r.stats.batched.errors.length === 0;
  say(`Goal: head lock held p95 ≤ ${GOAL_HOLD_P95_MS} ms (append statement to COMMIT returned): ${verdict(holdOk)} (${now.holdP95.toFixed(1)} ms; before: ${early.holdP95.toFixed(1)} ms)`);
  say(`Goal: every audited write succeeds: ${verdict(errorsOk)} (${r.stats.batched.done} transactions, ${r.stats.batched.errors.length} errors)`);
  say(`Goal: the audit chain verifies: ${verdict(r.verify.ok)} (${r.verify.count} entries, ${r.verify.ms} ms)`);
  const all = holdOk && errorsOk && r.verify.ok;
  say(`bench:audit: ${verdict(all)}`);
  return all;
}

runBench(async () => {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || "10" };
  env.DATABASE_URL = await benchDatabase(env, { prefix: "sitrep_bench_audit", say });
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const load = os.loadavg()[0];
  const ok = report(await tsxWorker("scripts/bench-audit-run.ts", env, 300_000));
  say(`load average ${load.toFixed(2)} → ${os.loadavg()[0].toFixed(2)} on ${os.availableParallelism()} cores; pool ${env.DATABASE_POOL_SIZE} connections`);
  return ok ? 0 : 1;
});
