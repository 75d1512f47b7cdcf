// Child processes of the bench: the embedded database and one app instance, each stopped on exit
// (normal end, error or Ctrl-C) and never left behind: both hold a stdin pipe from us and exit on
// EOF, even if this process is killed outright.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { spawnPglite } from "../pglite-server.mjs";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const stops = []; // newest first: the app stops before the database it uses

/** The environment a bench's app runs with: a fresh AUTH_SECRET, no telemetry, no demo workspace. */
export function benchAppEnv(extra = {}) {
  return {
    ...process.env,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    SITREP_DEMO: "0",
    ...extra,
  };
}

export function onStop(fn) {
  stops.unshift(fn);
}

export async function stopAll() {
  while (stops.length) {
    try { await stops.shift()(); } catch (e) { console.error(`[bench] cleanup: ${e?.message ?? e}`); }
  }
}

function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
  return exited.finally(() => clearTimeout(t));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** DATABASE_URL when it is on this machine; otherwise a throwaway embedded database in a temp dir. */
export async function startDatabase(env, say) {
  const url = env.DATABASE_URL;
  if (url) {
    let host = "(unparseable URL)";
    try { host = new URL(url).hostname; } catch {}
    if (LOCAL_HOSTS.has(host)) {
      say(`database: ${new URL(url).host} (from DATABASE_URL; the bench adds its rows to it)`);
      return url;
    }
    say(`DATABASE_URL points at ${host}, not this machine: ignoring it, the bench never writes to a shared database`);
  }
  // As npm start on the embedded database: one app process with a pool of 5 (PGlite serves one
  // transaction at a time, and at most 20 connections here).
  env.SITREP_WORKERS ??= "1";
  env.DATABASE_POOL_SIZE ??= "5";
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-bench-"));
  onStop(() => fs.rmSync(tmp, { recursive: true, force: true }));
  say(`database: throwaway embedded PostgreSQL in ${tmp}`);
  const { child, url: local } = await spawnPglite({ dataDir: path.join(tmp, "pglite"), port: 0, maxConnections: 20, env });
  onStop(() => stopChild(child, 15_000));
  return local;
}

/** Runs a one-shot command to completion, its output on our stderr. */
export function run(cmd, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    onStop(() => stopChild(child));
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? cmd)} exited with ${signal ?? code}`))));
  });
}

/** One production app instance (scripts/server.mjs); resolves once /api/health answers. */
export async function startApp({ root, env, port, say }) {
  // BENCH_APP_NODE_ARGS: extra node flags for the app only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "scripts/server.mjs"], {
    cwd: root, env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, detached: true, stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.on("error", () => {});
  let log = "";
  const keep = (chunk) => { log = (log + chunk).slice(-4000); };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  onStop(() => stopChild(child));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up:\n${log}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) { say(`app: ${base} (pid ${child.pid})`); return { base, pid: child.pid, log: () => log }; }
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer /api/health within 60 s:\n${log}`);
}

/** next-auth's credentials sign-in over plain HTTP; returns the Cookie header to send. */
export async function signIn(base, { email, password }) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const jar = new Map(csrf.headers.getSetCookie().map((c) => c.split(";")[0].split(/=(.*)/s).slice(0, 2)));
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  for (const c of res.headers.getSetCookie()) { const [k, v] = c.split(";")[0].split(/=(.*)/s); jar.set(k, v); }
  if (!jar.get("authjs.session-token")) throw new Error(`sign-in failed (status ${res.status}, location ${res.headers.get("location")})`);
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/**
 * Runs a bench's main({ interrupted }): Ctrl-C (or SIGTERM) stops every process it started and removes its
 * temporary database; requests in flight failing during that stop are expected, not a crash.
 */
export async function runBench(main) {
  let interrupted = false;
  process.on("unhandledRejection", (e) => { if (!interrupted) console.error(`[bench] ${e?.stack ?? e}`); });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n[bench] ${sig}: stopping and cleaning up…`);
      stopAll().finally(() => process.exit(130));
    });
  }
  let code = 1;
  try {
    code = await main({ interrupted: () => interrupted });
  } catch (e) {
    if (!interrupted) console.error(`[bench] failed: ${e?.stack ?? e}`);
  } finally {
    if (!interrupted) await stopAll();
  }
  if (!interrupted) process.exit(code);
}
