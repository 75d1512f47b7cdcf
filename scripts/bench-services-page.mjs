#!/usr/bin/env node
// `npm run bench:services-page`: /services and the war room at fleet scale. Seeds N services
// (1,400 unless BENCH_SERVICES) into a throwaway database, starts the production build and
// measures the first HTML of /services and of the war room, one delta poll carrying one status
// change, the time to first byte of /services as a ratio to GET /api/health in the same run, and,
// with chromium, the time until the first rows are on screen. PASS/FAIL per goal.
// Needs `npx next build`. With DATABASE_URL on this machine it creates (and drops) its own
// database on that server; otherwise a throwaway embedded PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchAppEnv, freePort, onStop, run, runBench, signIn, startApp } from "./bench/processes.mjs";
import { contentVisible, get, recordChange, sample, throwawayDatabase } from "./bench/services-measure.mjs";
import { catalogYaml, changeSlug, CONNECTED, seedViewer, startHealthServer } from "./bench/services-seed.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const COUNT = Number(process.env.BENCH_SERVICES || 1400);
const SAMPLES = Number(process.env.BENCH_SAMPLES || 15);
const GOALS = { htmlKB: 300, deltaKB: 10, ttfbRatio: 10, visibleMs: 1000 };
const say = (msg) => console.log(`[bench] ${msg}`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;

const env = benchAppEnv();

async function prepare() {
  env.DATABASE_URL = await throwawayDatabase(env, say);
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-bench-services-"));
  env.SITREP_CATALOG = path.join(dir, "catalog.yaml");
  const targets = await startHealthServer();
  onStop(() => targets.close());
  fs.writeFileSync(env.SITREP_CATALOG, catalogYaml(COUNT, targets.base));
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    return await seedViewer(client, crypto.randomBytes(4).toString("hex"));
  } finally {
    await client.end();
  }
}

/** The delta poll: the cursor of a fresh page, one change, then what ?since=<cursor> answers. */
async function deltaPoll(base, cookie) {
  const page = await (await fetch(`${base}/api/services?page=1`, { headers: { cookie } })).json();
  const slug = changeSlug(COUNT);
  await recordChange(root, env, slug);
  const delta = await get(base, `/api/services?since=${page.cursor}`, cookie);
  const body = await (await fetch(`${base}/api/services?since=${page.cursor}`, { headers: { cookie } })).json();
  return { ...delta, changed: (body.changed ?? []).map((s) => `${s.slug}:${s.status}`), reset: body.reset };
}

/** Waits for the poller's first round: every service checked (none unknown), then a quiet second. */
async function firstRound(base, cookie) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const page = await (await fetch(`${base}/api/services?status=unknown&per=1`, { headers: { cookie } })).json();
    if (page.matched === 0) {
      await new Promise((r) => setTimeout(r, 1500));
      return page.counts;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the poller's first round did not finish within 120 s");
}

function verdict(ok) {
  return ok ? "PASS" : "FAIL";
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error("[bench] no production build (.next/BUILD_ID is missing): run `npx next build` first.");
    return 2;
  }
  const user = await prepare();
  say(`seeded ${COUNT.toLocaleString("en-US")} services (${CONNECTED} in dependency chains, the rest standalone)`);
  const app = await startApp({ root, env, port: await freePort(), say });
  const cookie = await signIn(app.base, user).catch((e) => {
    throw new Error(`${e.message}; the app's last log lines:\n${app.log().split("\n").slice(-15).join("\n")}`);
  });
  const counts = await firstRound(app.base, cookie);
  say(`first poll round done: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  const health = await sample(app.base, "/api/health", cookie, SAMPLES);
  const services = await sample(app.base, "/services", cookie, SAMPLES);
  const warRoom = await sample(app.base, "/", cookie, SAMPLES);
  const full = await get(app.base, "/api/services", cookie);
  const delta = await deltaPoll(app.base, cookie);
  say("content visible: headless chromium, median of 3 loads after a warm-up…");
  const visible = await contentVisible(app.base, cookie, "/services", '[data-testid="service-row"]').catch((e) => {
    say(`chromium failed: ${e.message}`);
    return null;
  });
  const ratio = services.ttfb / health.ttfb;

  console.log(`\nSetup: ${COUNT.toLocaleString("en-US")} services, one app instance, sequential requests (${SAMPLES} samples, medians).`);
  console.log(`  GET /api/health (baseline)   TTFB ${ms(health.ttfb)}`);
  console.log(`  GET /services                HTML ${kb(services.bytes)} (HTTP ${services.status}), TTFB ${ms(services.ttfb)} = ${ratio.toFixed(1)}× health, complete ${ms(services.total)}`);
  console.log(`  GET / (war room)             HTML ${kb(warRoom.bytes)} (HTTP ${warRoom.status}), TTFB ${ms(warRoom.ttfb)}`);
  console.log(`  GET /api/services (full list, the old 5 s refetch, still served to the declare form)  ${kb(full.bytes)}`);
  console.log(`  GET /api/services?since=…   ${kb(delta.bytes)} with 1 change → ${delta.reset ? "reset" : delta.changed.join(", ")}`);
  console.log(`  content visible (/services)  ${visible === null ? "not measured (no chromium / playwright-core)" : ms(visible)}`);
  const results = [
    [`/services first HTML ≤ ${GOALS.htmlKB} KB`, services.status === 200 && services.bytes <= GOALS.htmlKB * 1024, kb(services.bytes)],
    [`war room first HTML ≤ ${GOALS.htmlKB} KB`, warRoom.status === 200 && warRoom.bytes <= GOALS.htmlKB * 1024, kb(warRoom.bytes)],
    [`delta poll with 1 change ≤ ${GOALS.deltaKB} KB, exactly that service`, delta.bytes <= GOALS.deltaKB * 1024 && delta.changed.length === 1, kb(delta.bytes)],
    [`/services TTFB ≤ ${GOALS.ttfbRatio}× /api/health`, ratio <= GOALS.ttfbRatio, `${ratio.toFixed(1)}×`],
  ];
  if (visible !== null) results.push([`content visible ≤ ${GOALS.visibleMs} ms`, visible <= GOALS.visibleMs, ms(visible)]);
  console.log("");
  for (const [goal, ok, figure] of results) console.log(`Goal: ${goal}: ${verdict(ok)} (${figure})`);
  return results.every(([, ok]) => ok) ? 0 : 1;
}

await runBench(main);
