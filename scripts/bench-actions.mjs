#!/usr/bin/env node
// `npm run bench:actions`: what an audited recovery action costs over calling its endpoint
// directly, and whether the audit trail holds under concurrency. A no-op endpoint (node:http,
// 200 {"ok":true}) is declared as an http action; scripts/bench-actions-run.ts times
// requestActionRun + executeActionRun against fetch() of the same endpoint, interleaved (goal:
// overhead p95 ≤ 50 ms), runs 50 at once (each exactly request/start/finish in the audit log, all
// succeeded), submits one idempotency key 20 times at once (one run, executed once), and verifies
// the audit chain as `npm run audit:verify` does. Database: a fresh one on the local PostgreSQL
// (127.0.0.1:5432, dropped at the end), PGlite when none answers, or DATABASE_URL when it is local
// (kept; the catalog in force is put back afterwards).
//   BENCH_ITERATIONS=200 BENCH_WARMUP=20 BENCH_CONCURRENT=50 BENCH_TWINS=20 npm run bench:actions
//   BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres (where the throwaway database is made)
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { percentile } from "./bench/load.mjs";
import { onStop, run, runBench } from "./bench/processes.mjs";
import { benchDatabase, tsxWorker } from "./bench/database.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const GOAL_OVERHEAD_P95_MS = 50;
const WORKER_TIMEOUT_MS = 110_000;
const say = (msg) => console.log(`[bench] ${msg}`);
const verdict = (ok) => (ok ? "PASS" : "FAIL");

/** The action's target: answers every POST /noop with 200 {"ok":true}; GET /hits counts them. */
async function startNoop() {
  const hits = { sitrep: 0, direct: 0 };
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/hits") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(hits));
    if (req.url !== "/noop") return res.writeHead(404).end();
    req.resume();
    req.on("end", () => {
      hits[req.headers["user-agent"] === "Sitrep action" ? "sitrep" : "direct"]++;
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  onStop(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
  return `http://127.0.0.1:${server.address().port}`;
}

const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
};
const f = (v) => v.toFixed(2).padStart(8);
const row = (label, s, extra = "") => console.log(`  ${label.padEnd(30)}${f(s.p50)}${f(s.p95)}${f(s.mean)}${extra}`);

function report(r) {
  const { latency: l, concurrent: c, twins: t, verify: v } = r;
  const sitrep = stats(l.sitrep), direct = stats(l.direct), req = stats(l.requestOnly);
  const exec = stats(l.sitrep.map((s, i) => s - l.requestOnly[i]));
  const over = { p50: sitrep.p50 - direct.p50, p95: sitrep.p95 - direct.p95, mean: sitrep.mean - direct.mean };
  console.log("");
  say(`1. no-op http action, ${l.sitrep.length} interleaved iterations (after a warm-up), ms:`);
  console.log(`  ${"".padEnd(30)}${"p50".padStart(8)}${"p95".padStart(8)}${"mean".padStart(8)}`);
  row("direct fetch", direct);
  row("Sitrep request + execute", sitrep);
  row("  of which requestActionRun", req);
  row("  of which executeActionRun", exec);
  row("overhead (Sitrep − direct)", over);
  say(`   CPU of the calling process per call: Sitrep ${l.cpuMsPerCall.sitrep.toFixed(2)} ms, direct ${l.cpuMsPerCall.direct.toFixed(2)} ms (PostgreSQL's own not counted)`);
  const latencyOk = over.p95 <= GOAL_OVERHEAD_P95_MS;
  say(`Goal: overhead p95 ≤ ${GOAL_OVERHEAD_P95_MS} ms: ${verdict(latencyOk)} (${over.p95.toFixed(2)} ms)`);

  const cl = stats(c.latencies.length ? c.latencies : [NaN]);
  console.log("");
  const shown = Object.entries(c.statuses).map(([k, n]) => `${n} ${k}`).join(", ") || "none";
  say(`2. ${c.runs} concurrent runs (distinct keys), in ${(c.wallMs / 1000).toFixed(2)} s: ${c.fulfilled} returned succeeded (per run p50 ${cl.p50.toFixed(1)} ms, p95 ${cl.p95.toFixed(1)} ms); rows: ${shown}`);
  say(`   audit: ${c.auditEntries} entries for those runs, ${c.runsWithExactlyThree}/${c.runs} with exactly request → start → finish; endpoint called ${c.endpointCalls} times`);
  for (const e of [...c.errors, ...c.badAudit]) say(`   ✗ ${e}`);
  const concOk = c.rows === c.runs && c.fulfilled === c.runs && c.succeeded === c.runs && c.runsWithExactlyThree === c.runs && c.auditEntries === 3 * c.runs && c.endpointCalls === c.runs;
  say(`Goal: ${c.runs} concurrent runs each audited exactly 3 times, all succeeded: ${verdict(concOk)}`);

  console.log("");
  say(`3. ${t.submissions} concurrent submissions of one idempotency key: ${t.rows} run row (${t.status}), ${t.distinctRunIds} run id returned, created ${t.created}×, executed ${t.executed}× (${t.fulfilled - t.executed} told it already ran), endpoint called ${t.endpointCalls}×`);
  say(`   audit for that run: ${t.auditVerbs.join(" → ") || "none"}`);
  for (const e of t.errors) say(`   ✗ ${e}`);
  const twinsOk = t.fulfilled === t.submissions && t.rows === 1 && t.distinctRunIds === 1 && t.created === 1 && t.executed === 1
    && t.endpointCalls === 1 && t.status === "succeeded" && t.auditVerbs.join() === "action.request,action.start,action.finish";
  say(`Goal: one idempotency key submitted ${t.submissions}× at once executes exactly one run: ${verdict(twinsOk)}`);

  console.log("");
  say(`4. audit chain (verifyAuditChain, as npm run audit:verify): ${v.ok ? `${v.count} entries verify` : `BROKEN at ${v.problem}`} (${v.ms.toFixed(0)} ms)`);
  say(`Goal: the audit chain verifies: ${verdict(v.ok)}`);
  const all = latencyOk && concOk && twinsOk && v.ok;
  console.log("");
  say(`bench:actions: ${verdict(all)}`);
  return all;
}

runBench(async () => {
  const started = Date.now();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  env.DATABASE_URL = await benchDatabase(env, { prefix: "sitrep_bench_actions", say });
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  env.BENCH_NOOP_URL = await startNoop();
  say(`no-op endpoint: ${env.BENCH_NOOP_URL}/noop`);
  const load = os.loadavg()[0];
  const ok = report(await tsxWorker("scripts/bench-actions-run.ts", env, WORKER_TIMEOUT_MS));
  // Latency on a shared machine: say how busy it was, as the figures depend on it.
  say(`whole run ${((Date.now() - started) / 1000).toFixed(1)} s; load average ${load.toFixed(2)} → ${os.loadavg()[0].toFixed(2)} on ${os.availableParallelism()} cores`);
  return ok ? 0 : 1;
});
