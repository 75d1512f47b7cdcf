#!/usr/bin/env node
// `npm run bench:war-room`: server response times of the war room, the incident list, a search and
// an incident page under 20 concurrent clients, on a database holding 200 services, 50 open and
// 10,000 closed incidents and 100,000 timeline events; each also as a ratio to GET /api/health
// measured in the same run. Goal: war room p95 ≤ 250 ms.
// Needs a production build (`npx next build`). Uses DATABASE_URL only when it is on this machine;
// otherwise a throwaway embedded PostgreSQL, removed at the end (Ctrl-C included).
//   BENCH_SECONDS=10 BENCH_CLIENTS=20 npm run bench:war-room
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { measure } from "./bench/load.mjs";
import { benchAppEnv, freePort, run, runBench, signIn, startApp, startDatabase } from "./bench/processes.mjs";
import { SEED, seed } from "./bench/seed.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 20);
const GOAL_MS = 250;
const say = (msg) => console.log(`[bench] ${msg}`);
const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : "—");

const env = benchAppEnv();

/** One plain GET first: is the page really there, or a 404, a placeholder, a redirect to sign-in? */
async function probe(base, target, cookie) {
  const res = await fetch(base + target.path, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status >= 300 && res.status < 400) return `redirect → ${res.headers.get("location")}`;
  if (res.status !== 200) return `HTTP ${res.status}`;
  if (body.includes('data-testid="placeholder"')) return "placeholder page";
  return "ok";
}

function report(results) {
  const health = results.find((r) => r.key === "health");
  const rows = results.map((r) => [
    r.label, r.page, r.stats.requests.toLocaleString("en-US"), r.stats.rps.toFixed(0),
    ms(r.stats.p50), ms(r.stats.p95), ms(r.stats.p99),
    r.key === "health" ? "1.0×" : `${(r.stats.p95 / health.stats.p95).toFixed(1)}×`, `${(r.stats.avgBytes / 1024).toFixed(0)} KB`,
    Object.entries(r.stats.statuses).map(([s, n]) => `${s}:${n}`).join(" "),
  ]);
  const head = ["endpoint", "page", "requests", "req/s", "p50", "p95", "p99", "p95/health", "size", "statuses"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 && i <= 8 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(line(r));
  const war = results.find((r) => r.key === "war-room");
  const pass = war.stats.p95 <= GOAL_MS && Object.keys(war.stats.statuses).every((s) => s === "200");
  const caveat = war.page === "ok" ? "" : ` (note: the war room answered "${war.page}", so this does not measure the real page yet)`;
  console.log(`\nGoal: war room p95 ≤ ${GOAL_MS} ms: ${pass ? "PASS" : "FAIL"} (p95 ${ms(war.stats.p95)})${caveat}`);
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error("[bench] no production build (.next/BUILD_ID is missing): run `npx next build` first.");
    return 2;
  }
  const buildId = () => fs.readFileSync(path.join(root, ".next/BUILD_ID"), "utf8").trim();
  const build = buildId();
  env.DATABASE_URL = await startDatabase(env, say);
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });

  const t0 = Date.now();
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  let seeded;
  try { seeded = await seed(client); } finally { await client.end(); }
  say(`seed: ${seeded.reused ? "reused the bench rows already there" : `done in ${((Date.now() - t0) / 1000).toFixed(1)} s`}: ` +
    `${seeded.incidents.toLocaleString("en-US")} incidents (${seeded.open} open), ${seeded.events.toLocaleString("en-US")} timeline events, ` +
    `${seeded.services} services; INC-${seeded.big} has ${seeded.bigEvents.toLocaleString("en-US")} events`);

  const app = await startApp({ root, env, port: await freePort(), say });
  const cookie = await signIn(app.base, seeded.user);
  say(`signed in as ${seeded.user.email} (viewer); ${CLIENTS} clients, ${SECONDS} s per endpoint after a 1.5 s warm-up`);

  const targets = [
    { key: "health", label: "GET /api/health (baseline)", path: "/api/health" },
    { key: "war-room", label: "GET / (war room)", path: "/" },
    { key: "list", label: "GET /incidents", path: "/incidents" },
    { key: "search", label: "GET /incidents?status=all&q=backlog", path: "/incidents?status=all&q=backlog" },
    { key: "incident", label: `GET /incidents/${seeded.big} (${seeded.bigEvents} events)`, path: `/incidents/${seeded.big}` },
  ];
  const results = [];
  for (const t of targets) {
    const page = await probe(app.base, t, cookie);
    say(`${t.label}: ${page}; measuring…`);
    const stats = await measure(app.base + t.path, { cookie, concurrency: CLIENTS, durationMs: SECONDS * 1000 });
    results.push({ ...t, page, stats });
  }
  console.log(`\nSetup: ${SEED.services} services, ${SEED.open} open + ${SEED.closed.toLocaleString("en-US")} closed incidents, ` +
    `${SEED.events.toLocaleString("en-US")} timeline events; one app instance; ${CLIENTS} concurrent clients, ${SECONDS} s each; ` +
    `latency = request sent → last byte read.`);
  report(results);
  let after = "(missing)";
  try { after = buildId(); } catch {}
  if (after !== build) {
    console.log(`\nWARNING: the production build changed during the run (${build} → ${after}): another \`next build\` ran, so errors and timings above may come from a half-written .next. Re-run when no build is running.`);
  }
  if (results.some((r) => Object.keys(r.stats.statuses).some((s) => s === "0" || s >= "500"))) {
    console.log(`\nSome requests failed (status 0 = no response, 5xx = server error). The app's last log lines:\n${[...new Set(app.log().split("\n"))].slice(-20).join("\n")}`);
  }
  return 0;
}

await runBench(main);
