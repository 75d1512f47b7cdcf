#!/usr/bin/env node
// `npm test`: every check CI runs, in order, stopping at the first failure.
//   npm test -- --only=unit,e2e   (steps: typecheck, lint, dbdiff, unit, build, e2e)
//   npm test -- --embedded        (ignore DATABASE_URL: test on the embedded database)
//   npm test -- --only=e2e e2e/runbooks.spec.ts   (other arguments go to Playwright)
// Database: DATABASE_URL if set, and only if it is on this machine (tests create users, write
// audit entries, and must never touch a shared database); otherwise (or with --embedded) a
// throwaway embedded PostgreSQL (PGlite) in a fresh temp dir, removed at the end whatever happens.
// The transaction guard (lib/tx-guard.ts) throws in every step, the e2e server included, and the
// e2e step fails if the server logged a violation that the code under test swallowed.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { spawnPglite } from "./pglite-server.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const node = process.execPath;
const STEPS = [
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", cmd: bin("eslint"), args: ["--max-warnings=0", "."] },
  { name: "dbdiff", cmd: node, args: ["scripts/migrate.mjs", "diff"] },
  { name: "unit", cmd: bin("vitest"), args: ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.test-reports/unit.json"], db: true },
  { name: "build", cmd: bin("next"), args: ["build"] },
  { name: "e2e", cmd: bin("playwright"), args: ["test"], db: true },
];
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const say = (msg) => console.log(`\n[test] ${msg}`);
const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

function selectedSteps() {
  const only = process.argv.slice(2).find((a) => a.startsWith("--only="));
  if (!only) return STEPS;
  const names = only.slice("--only=".length).split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !STEPS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`[test] unknown step(s): ${unknown.join(", ")}. Steps: ${STEPS.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  return STEPS.filter((s) => names.includes(s.name));
}

const steps = selectedSteps();
// Arguments that are not options (spec files, -g patterns' values are not supported) go to Playwright.
const playwrightArgs = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const e2eStep = steps.find((s) => s.name === "e2e");
if (e2eStep) e2eStep.args = [...e2eStep.args, ...playwrightArgs];
const embedded = process.argv.includes("--embedded") || !process.env.DATABASE_URL;
const E2E_PORT = Number(process.env.SITREP_E2E_PORT ?? 3100);
const env = {
  ...process.env,
  AUTH_SECRET: process.env.AUTH_SECRET || crypto.randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  SITREP_TX_GUARD: "throw",
};
if (embedded) delete env.DATABASE_URL;
let pglite = null; // { child, tmp } while the embedded database runs
let current = null; // the step's child process
let interrupted = false;
const results = [];

// Steps share our process group, so a terminal Ctrl-C reaches them directly; the database is
// detached and stopped by us only after the step has wound down.
function runStep({ name, cmd, args }) {
  return new Promise((resolve) => {
    const started = Date.now();
    say(`${name}: ${path.basename(cmd)} ${args.join(" ")}`);
    current = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    const done = (code) => {
      current = null;
      const r = { name, code, ms: Date.now() - started };
      results.push(r);
      console.log(`[test] ${code === 0 ? "✓" : "✗"} ${name} (${fmt(r.ms)})${code === 0 ? "" : ` exit ${code}`}`);
      resolve(code);
    };
    current.once("error", (e) => { console.error(`[test] ${name}: ${e.message}`); done(127); });
    current.once("exit", (code, signal) => done(signal ? 128 + (os.constants.signals[signal] ?? 0) : code));
  });
}

// Checked before any step runs: a non-local DATABASE_URL must fail in a second, not after lint.
function checkDatabaseUrl() {
  if (embedded) return;
  let host;
  try { host = new URL(process.env.DATABASE_URL).hostname; } catch { host = "(unparseable URL)"; }
  if (!LOCAL_HOSTS.has(host)) {
    console.error(`[test] refusing to test against a database on ${host}: DATABASE_URL must point at localhost, 127.0.0.1 or ::1 (or be unset for a throwaway embedded one).`);
    process.exit(2);
  }
}

async function startDatabase() {
  if (!embedded) return say(`database: ${new URL(process.env.DATABASE_URL).host} (from DATABASE_URL)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-test-"));
  pglite = { child: null, tmp };
  say(`database: throwaway embedded PostgreSQL in ${tmp}`);
  // Above the app's pool (5) plus the e2e workers' pools (2 x 3) plus the migration script.
  const { child, url } = await spawnPglite({ dataDir: path.join(tmp, "pglite"), port: 0, maxConnections: 20, env });
  pglite.child = child;
  child.once("exit", (code, signal) => {
    if (!cleaningUp) console.error(`[test] the embedded database exited unexpectedly (${signal ?? `code ${code}`})`);
  });
  env.DATABASE_URL = url;
  // As npm start does on the embedded database: one app process (PGlite runs one transaction at a time).
  env.SITREP_WORKERS ??= "1";
  // And its pool of 5 (PGlite runs one transaction at a time; more connections only queue).
  env.DATABASE_POOL_SIZE ??= "5";
}

let cleaningUp = false;
async function cleanup() {
  cleaningUp = true;
  if (!pglite) return;
  const { child, tmp } = pglite;
  pglite = null;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(t);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

function onSignal(signal) {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n[test] ${signal}: stopping…`);
  // A terminal Ctrl-C already reached the step; SIGTERM from elsewhere did not.
  if (current && signal !== "SIGINT") current.kill(signal);
  if (!current) cleanup().finally(() => process.exit(130));
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => onSignal(sig));

// Test counts from the runners' JSON reports, for one plain "N passed, N failed" line.
function counts() {
  const read = (f) => { try { return JSON.parse(fs.readFileSync(path.join(root, f), "utf8")); } catch { return null; } };
  let passed = 0, failed = 0;
  const unit = results.some((r) => r.name === "unit") && read(".test-reports/unit.json");
  if (unit) { passed += unit.numPassedTests ?? 0; failed += unit.numFailedTests ?? 0; }
  const e2e = results.some((r) => r.name === "e2e") && read(".test-reports/e2e.json");
  if (e2e) { passed += (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0); failed += e2e.stats?.unexpected ?? 0; }
  return unit || e2e ? { passed, failed } : null;
}

function summary(failed) {
  console.log("\n[test] summary");
  for (const r of results) console.log(`  ${r.code === 0 ? "✓" : "✗"} ${r.name.padEnd(10)} ${fmt(r.ms)}`);
  for (const s of steps.filter((s) => !results.some((r) => r.name === s.name))) console.log(`  - ${s.name.padEnd(10)} skipped`);
  const total = results.reduce((a, r) => a + r.ms, 0);
  console.log(failed ? `[test] FAILED at ${failed} after ${fmt(total)}` : `[test] all ${results.length} step(s) passed in ${fmt(total)}`);
  const n = counts();
  if (n) console.log(`${n.passed} passed, ${n.failed} failed`);
}

async function main() {
  for (const f of [".test-reports/unit.json", ".test-reports/e2e.json"]) fs.rmSync(path.join(root, f), { force: true });
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (steps.some((s) => s.name === "e2e") && !fs.existsSync(chromium)) {
    console.error(`[test] the e2e step needs Chromium at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH.`);
    return 2;
  }
  checkDatabaseUrl();
  let migrated = false;
  for (const step of steps) {
    if (interrupted) break;
    if (step.db && !migrated) {
      migrated = true;
      await startDatabase();
      if (interrupted) break;
      const code = await runStep({ name: "migrate", cmd: node, args: ["scripts/migrate.mjs", "deploy"] });
      if (code !== 0) return code;
    }
    const code = await runStep(step);
    if (code !== 0) return code;
    if (step.name === "e2e" && !serverLogClean()) return 1;
  }
  return interrupted ? 130 : 0;
}

// A transaction-guard violation the app caught and turned into a polite error still fails the run.
function serverLogClean() {
  const file = path.join(root, `.test-reports/server-${E2E_PORT}.log`);
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const hits = text.split("\n").filter((l) => l.includes("[tx-guard]"));
  if (!hits.length) return true;
  console.error(`[test] ✗ the app server used the global Prisma client inside a transaction ${hits.length} time(s) (see ${file}):`);
  for (const line of [...new Set(hits)].slice(0, 5)) console.error(`  ${line.trim()}`);
  results.push({ name: "tx-guard", code: 1, ms: 0 });
  return false;
}

let code;
try {
  code = await main();
} catch (e) {
  console.error(`[test] ${e?.stack ?? e}`);
  code = 1;
} finally {
  await cleanup();
}
const failed = results.find((r) => r.code !== 0)?.name;
summary(failed);
process.exit(interrupted ? 130 : code);
