#!/usr/bin/env node
// `npm run bench:incident-page`: the incident page of a 5,000-event incident, signed in as a
// responder (the heaviest view: composer and pin buttons) and as a viewer. Prints the HTML's
// full bytes (and how much of it is React flight data), when the header arrived, and p50/p95 of
// the page under a few concurrent clients as a ratio to GET /api/health measured in the same run.
// Goal: the page is ≤ 80 KB. Needs a production build (`npx next build`).
// Database: BENCH_DATABASE_URL (local only; its bench rows are reused), else a throwaway database
// on the local PostgreSQL (dropped at the end), else a throwaway embedded one.
//   BENCH_SECONDS=5 BENCH_CLIENTS=4 npm run bench:incident-page
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { measure } from "./bench/load.mjs";
import { fetchPage, flightBytes } from "./bench/page-bytes.mjs";
import { benchAppEnv, freePort, run, runBench, signIn, startApp } from "./bench/processes.mjs";
import { hashPassword, seed } from "./bench/seed.mjs";
import { benchDatabase } from "./bench/database.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 4);
const GOAL_BYTES = 80 * 1024;
const say = (msg) => console.log(`[bench] ${msg}`);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : "—");

const env = benchAppEnv();

/**
 * BENCH_DATABASE_URL (local; its bench rows are reused and kept), else a fresh database on the
 * local PostgreSQL dropped at the end, else a throwaway embedded one (scripts/bench/database.mjs).
 */
function database() {
  env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "";
  return benchDatabase(env, { prefix: "sitrep_bench_incident", say });
}

/** The bench seed (INC with 5,000 events among 10,000 others), plus a responder who can sign in. */
async function seedAll(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = Date.now();
    const seeded = await seed(client);
    say(`seed: ${seeded.reused ? "reused" : `${((Date.now() - t0) / 1000).toFixed(1)} s`}; INC-${seeded.big} has ${seeded.bigEvents.toLocaleString("en-US")} events`);
    const tag = crypto.randomBytes(4).toString("hex");
    const responder = { email: `bench-responder-${tag}@bench.test`, password: `bench-${crypto.randomUUID()}` };
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", active, source, "createdAt", "updatedAt")
       VALUES ($1, $2, 'Bench responder', 'responder', $3, true, 'password', now(), now())`,
      [`bench-responder-${tag}`, responder.email, hashPassword(responder.password)],
    );
    return { ...seeded, responder };
  } finally {
    await client.end();
  }
}

async function pageFigures(base, path, cookie) {
  const page = await fetchPage(base + path, { cookie, marker: 'data-testid="incident-header"' });
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  if (!page.html.includes('data-testid="timeline-event"')) throw new Error(`GET ${path} has no timeline events in its HTML`);
  const events = page.html.split('data-testid="timeline-event"').length - 1;
  return { ...page, flight: flightBytes(page.html), events };
}

function printRow(label, p, stats, health) {
  const ratio = (v, h) => `${(v / h).toFixed(1)}×`;
  console.log(
    `${label.padEnd(22)} ${kb(p.bytes).padStart(9)}  flight ${kb(p.flight).padStart(8)}  events in HTML ${String(p.events).padStart(3)}  ` +
      `header at ${ms(p.markerMs)} of ${ms(p.totalMs)}  p50 ${ms(stats.p50)} (${ratio(stats.p50, health.p50)})  p95 ${ms(stats.p95)} (${ratio(stats.p95, health.p95)})`,
  );
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error("[bench] no production build (.next/BUILD_ID is missing): run `npx next build` first.");
    return 2;
  }
  env.DATABASE_URL = await database();
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const seeded = await seedAll(env.DATABASE_URL);
  const app = await startApp({ root, env, port: await freePort(), say });
  const target = `/incidents/${seeded.big}`;
  const opts = { concurrency: CLIENTS, durationMs: SECONDS * 1000 };
  const health = await measure(`${app.base}/api/health`, { ...opts, cookie: "" });
  const rows = [];
  for (const [role, user] of [["responder", seeded.responder], ["viewer", seeded.user]]) {
    const cookie = await signIn(app.base, user);
    await fetchPage(app.base + target, { cookie }); // warm-up: the first render after start-up is slower
    const page = await pageFigures(app.base, target, cookie);
    // BENCH_SAVE_HTML=dir keeps each page, to see what its bytes are made of.
    if (process.env.BENCH_SAVE_HTML) fs.writeFileSync(path.join(process.env.BENCH_SAVE_HTML, `incident-${role}.html`), page.html);
    const stats = await measure(app.base + target, { ...opts, cookie });
    rows.push({ role, page, stats });
  }
  console.log(`\nGET ${target} (${seeded.bigEvents.toLocaleString("en-US")} events), ${CLIENTS} clients × ${SECONDS} s; ` +
    `floor GET /api/health p50 ${ms(health.p50)} p95 ${ms(health.p95)}; bytes uncompressed\n`);
  for (const r of rows) printRow(`as ${r.role}`, r.page, r.stats, health);
  const worst = Math.max(...rows.map((r) => r.page.bytes));
  const failed = rows.some((r) => Object.keys(r.stats.statuses).some((s) => s !== "200"));
  console.log(`\nGoal: page ≤ ${kb(GOAL_BYTES)}: ${worst <= GOAL_BYTES ? "PASS" : "FAIL"} (largest ${kb(worst)})`);
  console.log(`Every request answered 200: ${failed ? "FAIL" : "PASS"}`);
  return worst <= GOAL_BYTES && !failed ? 0 : 1;
}

await runBench(main);
