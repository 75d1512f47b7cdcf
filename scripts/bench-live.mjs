#!/usr/bin/env node
// `npm run bench:live`: how fast a timeline write on one app instance reaches viewers on another,
// and what idle live viewers cost. Two app instances (scripts/server.mjs) share one database;
// 20 SSE viewers (/api/live) on each; N notes written on instance A through the real server
// action over HTTP; latency = write sent (or returned) → the change received by each viewer on B.
// Then CPU of both app processes over 20 s with 40 idle viewers, and with none (the baseline:
// the poller stops without subscribers). Goals: p95 ≤ 1.5 s; idle cost ≤ 5% of one core.
// Needs a production build (`npx next build`). Uses DATABASE_URL only when it is on this machine;
// otherwise a throwaway embedded PostgreSQL, removed at the end (Ctrl-C included).
//   BENCH_WRITES=100 BENCH_PACE_MS=200 BENCH_VIEWERS=20 BENCH_IDLE_SECONDS=20 npm run bench:live
import crypto from "node:crypto";
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { tsImport } from "tsx/esm/api";
import { spawnPglite } from "./pglite-server.mjs";
import { percentile } from "./bench/load.mjs";
import { freePort, onStop, run, runBench, signIn } from "./bench/processes.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const WRITES = Number(process.env.BENCH_WRITES || 100);
const PACE_MS = Number(process.env.BENCH_PACE_MS || 200);
const VIEWERS = Number(process.env.BENCH_VIEWERS || 20);
const IDLE_S = Number(process.env.BENCH_IDLE_SECONDS || 20);
const GOAL_P95_MS = 1500, GOAL_IDLE_PCT = 5;
const say = (msg) => console.log(`[bench] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "—");
const env = { ...process.env, AUTH_SECRET: crypto.randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", SITREP_DEMO: "0" };

async function database() {
  const url = env.DATABASE_URL;
  if (url && ["localhost", "127.0.0.1", "::1", "[::1]"].includes(new URL(url).hostname)) return { url, pid: null };
  if (url) say("DATABASE_URL is not on this machine: ignoring it, the bench never writes to a shared database");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-bench-live-"));
  onStop(() => fs.rmSync(tmp, { recursive: true, force: true }));
  let child;
  onStop(() => stopChild(child));
  const db = await spawnPglite({ dataDir: path.join(tmp, "pglite"), port: 0, maxConnections: 30, env, onSpawn: (c) => { child = c; } });
  say(`database: throwaway embedded PostgreSQL in ${tmp}`);
  return { url: db.url, pid: db.child.pid };
}

function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  return exited.finally(() => clearTimeout(t));
}

async function startApp(name) {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/server.mjs"], { cwd: root, env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.on("error", () => {});
  let log = "";
  for (const s of [child.stdout, child.stderr]) s.on("data", (c) => { log = (log + c).slice(-4000); });
  onStop(() => stopChild(child));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`app ${name} exited during start-up:\n${log}`);
    try { if ((await fetch(`${base}/api/health`)).ok) { say(`app ${name}: ${base} (pid ${child.pid})`); return { name, base, pid: child.pid }; } } catch {}
  }
  throw new Error(`app ${name} did not answer /api/health within 60 s:\n${log}`);
}

/** A server action called the way React's client calls it; returns the action's return value. */
async function callAction(app, cookie, id, arg) {
  const res = await fetch(`${app.base}/`, {
    method: "POST", redirect: "manual",
    headers: { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: app.base, cookie },
    body: JSON.stringify([arg]),
  });
  const rows = new Map((await res.text()).split("\n").map((l) => /^([0-9a-f]+):(.*)$/.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]));
  let value = rows.has("0") ? JSON.parse(rows.get("0")).a : undefined;
  if (typeof value === "string" && value.startsWith("$@")) value = JSON.parse(rows.get(value.slice(2)) ?? "null");
  if (!value?.ok) throw new Error(`action failed (HTTP ${res.status}): ${JSON.stringify(value)}`);
  return value.data;
}

function actionId(name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
  const hit = Object.entries(manifest.node).find(([, a]) => a.filename === "lib/incidents/actions.ts" && a.exportedName === name);
  if (!hit) throw new Error(`${name} is not in the build's server-reference manifest`);
  return hit[0];
}

/** One SSE viewer: a plain HTTP client that records when each change (by seq) arrived. */
function openViewer(app, cookie) {
  const viewer = { received: new Map(), ready: null, close: () => {} };
  viewer.ready = new Promise((resolve, reject) => {
    const req = http.get(`${app.base}/api/live`, { headers: { cookie, accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`/api/live answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buf = "";
      res.on("data", (chunk) => {
        const at = performance.now();
        buf += chunk;
        let cut;
        while ((cut = buf.indexOf("\n\n")) >= 0) {
          const frame = Object.fromEntries(buf.slice(0, cut).split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
          buf = buf.slice(cut + 2);
          if (frame.event === "ready") resolve();
          if (frame.event === "change") viewer.received.set(Number(frame.id), at);
        }
      });
    });
    req.on("error", reject);
    viewer.close = () => req.destroy();
  });
  return viewer;
}

const CLK_TCK = (() => { try { return Number(execSync("getconf CLK_TCK").toString()) || 100; } catch { return 100; } })();
/** utime + stime of a process and its descendants, in seconds. */
function cpuSeconds(pid) {
  let stat;
  try { stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); } catch { return 0; }
  let kids = [];
  try { kids = fs.readdirSync(`/proc/${pid}/task`).flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean)); } catch {}
  return (Number(stat[11]) + Number(stat[12])) / CLK_TCK + kids.reduce((s, k) => s + cpuSeconds(Number(k)), 0);
}
async function sampleCpu(pids, seconds) {
  const before = pids.map(cpuSeconds);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const wall = (performance.now() - t0) / 1000;
  return pids.map((p, i) => (100 * (cpuSeconds(p) - before[i])) / wall);
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}

async function main({ interrupted }) {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error("[bench] no production build (.next/BUILD_ID is missing): run `npx next build` first.");
    return 2;
  }
  const db = await database();
  env.DATABASE_URL = db.url;
  await run(process.execPath, ["scripts/migrate.mjs", "deploy"], { cwd: root, env });
  const { hashPassword } = await tsImport("../lib/auth/password.ts", import.meta.url);
  const user = { email: `bench-live-${crypto.randomUUID().slice(0, 8)}@bench.test`, password: `bench-${crypto.randomUUID()}` };
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  onStop(() => client.end());
  await client.query(`INSERT INTO "User" (id, email, name, role, "passwordHash", active, source, "createdAt", "updatedAt")
    VALUES ($1, $2, 'Bench responder', 'responder', $3, true, 'password', now(), now())`, [`bench${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`, user.email, await hashPassword(user.password)]);

  const [a, b] = [await startApp("A"), await startApp("B")];
  const [cookieA, cookieB] = [await signIn(a.base, user), await signIn(b.base, user)];
  const { number } = await callAction(a, cookieA, actionId("declareIncidentAction"), { title: "bench:live incident", severity: "P2", summary: "" });
  const incidentId = (await client.query(`SELECT id FROM "Incident" WHERE number = $1`, [number])).rows[0].id;
  say(`signed in as ${user.email} (responder) on both; INC-${number} declared on A`);

  const viewersA = Array.from({ length: VIEWERS }, () => openViewer(a, cookieA));
  const viewersB = Array.from({ length: VIEWERS }, () => openViewer(b, cookieB));
  onStop(() => [...viewersA, ...viewersB].forEach((v) => v.close())); // open streams would hold the apps' shutdown
  await Promise.all([...viewersA, ...viewersB].map((v) => v.ready));
  say(`${VIEWERS} viewers connected to /api/live on each instance; writing ${WRITES} notes on A, one every ${PACE_MS} ms`);

  const noteId = actionId("addTimelineNoteAction");
  const writes = [];
  const pending = [];
  for (let i = 0; i < WRITES; i++) {
    const w = { sent: performance.now(), returned: NaN, eventId: null };
    writes.push(w);
    pending.push(callAction(a, cookieA, noteId, { incidentId, body: `bench note ${i + 1}` })
      .then((d) => { w.returned = performance.now(); w.eventId = d.id; }, (e) => { w.error = e; }));
    await sleep(PACE_MS);
    if (interrupted()) return 130;
  }
  await Promise.all(pending);
  const failed = writes.find((w) => w.error);
  if (failed) throw failed.error;
  await sleep(2_000); // stragglers
  const seqOf = new Map((await client.query(`SELECT seq, after->>'eventId' AS "eventId" FROM "AuditEntry" WHERE verb = 'incident.note' AND "targetId" = $1`, [incidentId])).rows.map((r) => [r.eventId, Number(r.seq)]));

  const measure = (viewers) => {
    const fromSent = [], fromReturn = [];
    for (const w of writes) {
      const seq = seqOf.get(w.eventId);
      for (const v of viewers) {
        const at = v.received.get(seq);
        if (at === undefined) continue;
        fromSent.push(at - w.sent);
        fromReturn.push(at - w.returned);
      }
    }
    return { count: fromSent.length, sent: stats(fromSent), ret: stats(fromReturn) };
  };
  const onB = measure(viewersB), onA = measure(viewersA);
  const writeMs = stats(writes.map((w) => w.returned - w.sent));

  say(`idle: ${VIEWERS * 2} viewers connected, no writes; sampling CPU for ${IDLE_S} s…`);
  await sleep(3_000);
  const idle = await sampleCpu([a.pid, b.pid, db.pid].filter(Boolean), IDLE_S);
  [...viewersA, ...viewersB].forEach((v) => v.close());
  say(`baseline: no viewers; sampling CPU for ${IDLE_S} s…`);
  await sleep(3_000);
  const base = await sampleCpu([a.pid, b.pid, db.pid].filter(Boolean), IDLE_S);

  const expected = WRITES * VIEWERS;
  const line = (label, m) => `${label.padEnd(34)} ${`${m.count}/${expected}`.padStart(10)}   from sent: p50 ${fmt(m.sent.p50)}, p95 ${fmt(m.sent.p95)}, max ${fmt(m.sent.max)}   from returned: p50 ${fmt(m.ret.p50)}, p95 ${fmt(m.ret.p95)}, max ${fmt(m.ret.max)}`;
  console.log(`\nSetup: 2 app instances, one database; ${VIEWERS} SSE viewers on each; ${WRITES} notes written on A, one every ${PACE_MS} ms, through addTimelineNoteAction over HTTP.`);
  console.log(`Write (server action) round trip on A: p50 ${fmt(writeMs.p50)}, p95 ${fmt(writeMs.p95)}, max ${fmt(writeMs.max)}\n`);
  console.log(line("viewers on B (other instance)", onB));
  console.log(line("viewers on A (same instance)", onA));
  const extra = (arr) => arr.map((v, i) => `${["app A", "app B", "database"][i]} ${v.toFixed(2)}%`).join(", ");
  const idleCost = idle[0] + idle[1] - base[0] - base[1];
  console.log(`\nCPU, % of one core over ${IDLE_S} s: with ${VIEWERS * 2} idle viewers: ${extra(idle)}; with none: ${extra(base)}`);
  console.log(`Idle cost of ${VIEWERS * 2} viewers (both app processes, minus the baseline): ${idleCost.toFixed(2)}% of one core (${(idle[0] + idle[1]).toFixed(2)}% − ${(base[0] + base[1]).toFixed(2)}%)`);
  const allReceived = onB.count === expected && onA.count === expected;
  console.log(`\nGoal: p95 write → receipt on the other instance ≤ ${GOAL_P95_MS} ms (from sent): ${onB.sent.p95 <= GOAL_P95_MS && allReceived ? "PASS" : "FAIL"} (p95 ${fmt(onB.sent.p95)}; ${allReceived ? "every change received" : "SOME CHANGES MISSING"})`);
  console.log(`Goal: idle cost ≤ ${GOAL_IDLE_PCT}% of one core: ${idleCost <= GOAL_IDLE_PCT ? "PASS" : "FAIL"} (${idleCost.toFixed(2)}%)`);
  return 0;
}

await runBench(main);
