#!/usr/bin/env node
// `npm run bench:alerts`: Alertmanager webhook intake at a sustained rate over real HTTP, on one
// production app instance. Traffic (scripts/bench/alert-traffic.mjs): groups of several alerts
// that fire, grow, resolve and fire again, with repeats, retries and deliveries racing their
// retry. Checks, each failing the run (exit 1): the target rate held in every 10 s window, every
// delivery answered 200 with exactly the changes it carried (a duplicate: none), one incident per
// group that fired, every alert stored once, one timeline event per change, each incident
// mitigated exactly when all its alerts resolved. Latency: POST sent → response read; the floor
// is GET /api/health, probed in the same run.
// Needs a production build (`npx next build`). Uses DATABASE_URL only when it is on this machine;
// otherwise a throwaway embedded PostgreSQL, removed at the end (Ctrl-C included).
//   BENCH_RATE=1200 (alerts/min)  BENCH_SECONDS=90  BENCH_SEED=1  BENCH_KEEP=1 (keep its incidents)  npm run bench:alerts
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { percentile } from "./bench/load.mjs";
import { freePort, run, runBench, startApp, startDatabase } from "./bench/processes.mjs";
import { createTraffic, rngOf } from "./bench/alert-traffic.mjs";
import { request as sendRequest } from "./bench/war-day-record.mjs";
import { checkStore, removeRun } from "./bench/alert-checks.mjs";
// More than 5 alerts changing alike in one notification make one timeline event (lib/alerts/write.ts, EACH_UP_TO).
const eventsFor = (n) => (n > 5 ? 1 : n);


const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const RATE = Number(process.env.BENCH_RATE || 1200);
const SECONDS = Number(process.env.BENCH_SECONDS || 90);
const SEED = Number(process.env.BENCH_SEED || 1);
const MAX_IN_FLIGHT = 32;
const WINDOW_S = 10;
// Latency counts from here on: the first seconds pay for cold code paths and new connections.
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS || 5);
const TOKEN = crypto.randomBytes(24).toString("hex");
const TAG = crypto.randomBytes(4).toString("hex");
const say = (msg) => console.log(`[bench] ${msg}`);
const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : "—");
const sleep = (t) => new Promise((r) => setTimeout(r, t));

const env = {
  ...process.env, AUTH_SECRET: crypto.randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1",
  SITREP_DEMO: "0", SITREP_ALERTMANAGER_TOKEN: TOKEN, SITREP_ALERT_ON_RESOLVED: "mitigate",
};

// A delivery on a kept-alive connection the server had just closed is sent again on a new one,
// as Alertmanager (and every HTTP client) does; the time lost counts.
const request = (agent, url, opts) => sendRequest(agent, url, { ...opts, keepText: true });

const stats = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};

/** Sends the traffic for SECONDS at RATE alerts a minute; returns what was sent and answered. */
async function drive(base) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const url = `${base}/api/alerts/alertmanager`;
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
  const traffic = createTraffic({ tag: TAG, seed: SEED });
  const rand = rngOf(SEED + 1);
  const groups = [];
  const r = { deliveries: 0, alerts: 0, latencies: [], dupLatencies: [], statuses: new Map(), mismatches: [], duplicates: 0, duplicatesQuiet: 0, windows: [], groups, health: [], expectedEvents: 0 };
  let inFlight = 0;
  const started = Date.now();
  const end = started + SECONDS * 1000;
  const windowOf = (t) => Math.floor((t - started) / (WINDOW_S * 1000));

  async function deliver(g, n) {
    const warm = Date.now() - started >= WARMUP_S * 1000;
    const answers = await Promise.all(Array.from({ length: n.sends }, () => request(agent, url, { method: "POST", body: n.body, headers })));
    const parsed = answers.map((a) => { try { return JSON.parse(a.text); } catch { return {}; } });
    for (const [i, a] of answers.entries()) {
      r.deliveries++;
      r.alerts += n.alerts;
      r.statuses.set(a.status, (r.statuses.get(a.status) ?? 0) + 1);
      if (warm) (n.duplicate || i > 0 ? r.dupLatencies : r.latencies).push(a.ms);
      const w = windowOf(Date.now());
      r.windows[w] = (r.windows[w] ?? 0) + n.alerts;
    }
    const sum = (k) => parsed.reduce((s, p) => s + (p[k] === true ? 1 : Number(p[k] ?? 0)), 0);
    const got = { fired: sum("fired"), resolved: sum("resolved"), opened: sum("opened") === 1 };
    if (got.fired !== n.expect.fired || got.resolved !== n.expect.resolved || got.opened !== n.expect.opened || answers.some((a) => a.status !== 200)) {
      r.mismatches.push(`group ${g.id} ${n.kind}: expected ${JSON.stringify(n.expect)}, got ${JSON.stringify(got)} (HTTP ${answers.map((a) => a.status)}) ${answers[0].text.slice(0, 200)}`);
    }
    const quiet = parsed.filter((p) => !p.fired && !p.resolved && !p.opened).length;
    const extra = n.duplicate ? n.sends : n.sends - 1;
    r.duplicates += extra;
    r.duplicatesQuiet += Math.min(extra, quiet);
    for (const p of parsed) if (p.incident) g.incidents.add(p.incident);
  }

  const health = (async () => {
    const hAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (Date.now() < end) {
      r.health.push((await request(hAgent, `${base}/api/health`, {})).ms);
      await sleep(200);
    }
    hAgent.destroy();
  })();

  // Open loop: alerts owed by the clock go out now, whatever the answers' pace, up to MAX_IN_FLIGHT.
  // One delivery at a time per group, as Alertmanager sends a group's notifications in order.
  let scheduled = 0;
  while (Date.now() < end) {
    let due = (RATE / 60) * ((Date.now() - started) / 1000) - scheduled;
    while (due > 0 && inFlight < MAX_IN_FLIGHT) {
      const idle = groups.filter((g) => !g.busy && g.stepsLeft > 0);
      const g = idle.length && rand() > 0.2 ? idle[Math.floor(rand() * idle.length)] : groups[groups.push({ ...traffic.newGroup(), incidents: new Set() }) - 1];
      const n = traffic.next(g);
      g.busy = true;
      inFlight++;
      scheduled += n.alerts * n.sends;
      due -= n.alerts * n.sends;
      r.expectedEvents += eventsFor(n.expect.fired) + eventsFor(n.expect.resolved);
      deliver(g, n).finally(() => { g.busy = false; inFlight--; });
    }
    await sleep(20);
  }
  while (inFlight > 0) await sleep(20);
  await health;
  agent.destroy();
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

function report(r, store) {
  const ingest = stats(r.latencies), dup = stats(r.dupLatencies), floor = stats(r.health);
  const perMin = (r.alerts / r.seconds) * 60;
  const full = r.windows.slice(0, Math.floor(SECONDS / WINDOW_S));
  const windowRates = full.map((n) => ((n ?? 0) / WINDOW_S) * 60);
  const fired = r.groups.filter((g) => g.last).length;
  const lines = [
    ["alerts delivered", `${r.alerts.toLocaleString("en")} in ${r.deliveries.toLocaleString("en")} notifications over ${r.seconds.toFixed(1)} s`],
    ["rate", `${Math.round(perMin).toLocaleString("en")} alerts/min (target ${RATE.toLocaleString("en")}); per ${WINDOW_S} s window: min ${Math.round(Math.min(...windowRates))}, max ${Math.round(Math.max(...windowRates))}`],
    ["ingest latency (changes)", `after ${WARMUP_S} s warm-up: p50 ${ms(ingest.p50)}  p95 ${ms(ingest.p95)}  p99 ${ms(ingest.p99)}  (${ingest.n} notifications)`],
    ["ingest latency (duplicates)", `after ${WARMUP_S} s warm-up: p50 ${ms(dup.p50)}  p95 ${ms(dup.p95)}  p99 ${ms(dup.p99)}  (${dup.n} notifications)`],
    ["floor: GET /api/health", `p50 ${ms(floor.p50)}  p95 ${ms(floor.p95)}  (${floor.n} probes, same run); ingest p95 = ${(ingest.p95 / floor.p95).toFixed(1)}× the floor`],
    ["HTTP statuses", [...r.statuses].map(([s, n]) => `${s}×${n}`).join(" ")],
    ["groups that fired", `${fired}`],
    ["incidents created", `${store.incidents} (${store.incidents === fired ? "= groups that fired: dedup correct" : "≠ groups that fired: WRONG"})`],
    ["duplicates that changed nothing", `${r.duplicatesQuiet} of ${r.duplicates} (repeats, retries, deliveries racing their retry)`],
    ["alerts stored", `${store.alerts} (expected ${store.expectedAlerts}); timeline alert events ${store.events} (expected ${store.expectedEvents})`],
    ["incident states", `${store.mitigated} mitigated, ${store.open} still firing; ${store.wrongState} in the wrong state`],
  ];
  const w = Math.max(...lines.map(([k]) => k.length));
  console.log(`\n${lines.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n")}`);
  const problems = [
    ...(windowRates.length && Math.min(...windowRates) >= RATE * 0.9 && perMin >= RATE * 0.97 ? [] : [`the target rate was not sustained (${Math.round(perMin)}/min overall, worst ${WINDOW_S} s window ${Math.round(Math.min(...windowRates))}/min; each window must reach 90% of ${RATE}, the whole run 97%)`]),
    ...(store.incidents === fired ? [] : [`${store.incidents} incidents for ${fired} groups that fired`]),
    ...(r.groups.every((g) => g.incidents.size <= 1) ? [] : ["a group's deliveries named more than one incident"]),
    ...(r.duplicatesQuiet === r.duplicates ? [] : [`${r.duplicates - r.duplicatesQuiet} duplicate deliveries changed something`]),
    ...(store.alerts === store.expectedAlerts && store.events === store.expectedEvents ? [] : ["stored alerts or timeline events differ from what was sent"]),
    ...(store.wrongState ? [`${store.wrongState} incidents in the wrong state`] : []),
    ...r.mismatches.slice(0, 10),
  ];
  console.log(problems.length ? `\nFAIL:\n- ${problems.join("\n- ")}` : "\nPASS: rate sustained, dedup correct, every change stored once.");
  return problems.length ? 1 : 0;
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error("[bench] no production build (.next/BUILD_ID is missing): run `npx next build` first.");
    return 2;
  }
  env.DATABASE_URL = await startDatabase(env, say);
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const app = await startApp({ root, env, port: await freePort(), say });
  say(`${RATE} alerts/min for ${SECONDS} s, seed ${SEED}, run tag ${TAG}, at most ${MAX_IN_FLIGHT} deliveries in flight`);
  const result = await drive(app.base);
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  let store;
  try {
    store = await checkStore(client, TAG, result);
    if (process.env.BENCH_KEEP !== "1") say(`removed the run's ${await removeRun(client, TAG)} incidents and their alerts (BENCH_KEEP=1 keeps them)`);
  } finally {
    await client.end();
  }
  const code = report(result, store);
  if (code) console.log(`\nThe app's last log lines:\n${[...new Set(app.log().split("\n"))].slice(-15).join("\n")}`);
  return code;
}

await runBench(main);
