#!/usr/bin/env node
// `npm start`: the one-command quick start. Without DATABASE_URL it serves an embedded
// PostgreSQL (PGlite) from SITREP_DATA_DIR and seeds a demo workspace; with DATABASE_URL it uses
// that server. Then: migrations, optional seed, build when none exists, and the app.
// `npm run dev` (--dev) does the same with `next dev` instead of build + scripts/server.mjs.
//
// Children run in their own process groups (detached) so a terminal Ctrl-C reaches only this
// process, which stops the app before the database (PGlite flushes on close). Long-lived
// children hold a stdin pipe from us and exit on EOF, so not even SIGKILL here leaves orphans.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { buildState } from "./build-freshness.mjs";
import { spawnPglite, EXIT_PORT_IN_USE, EXIT_DIR_LOCKED } from "./pglite-server.mjs";
import { startFleet, tokenFile } from "./start-fleet.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dev = process.argv.includes("--dev");
const say = (msg) => console.log(`[sitrep] ${msg}`);
try { process.loadEnvFile(path.join(root, ".env")); } catch {}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const dataDir = path.resolve(root, env.SITREP_DATA_DIR || ".data");
const embedded = !env.DATABASE_URL;
const demo = embedded || ["1", "true", "yes"].includes(env.SITREP_DEMO ?? "");
const port = env.PORT || "3000";
// The demo workspace's logins are printed in the README: serve it to this machine only unless
// told otherwise. SITREP_HOST, not HOSTNAME, because shells and containers export HOSTNAME as the
// machine's name.
const host = env.SITREP_HOST || (demo ? "127.0.0.1" : "0.0.0.0");
env.HOSTNAME = host;
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`[sitrep] PORT must be a port number from 1 to 65535, not "${port}".`);
  process.exit(1);
}
const children = new Map(); // name -> ChildProcess, in start order
let stopping = false;

// Long-lived children (app) get a stdin pipe as their lifeline and their stdout is watched for
// the ready line; one-shot steps (migrate, seed, build) write straight to the terminal.
function run(name, cmd, args, { longLived = false } = {}) {
  const child = spawn(cmd, args, {
    cwd: root, env, detached: true, stdio: longLived ? ["pipe", "pipe", "inherit"] : ["ignore", "inherit", "inherit"],
  });
  child.stdin?.on("error", () => {});
  children.set(name, child);
  child.once("exit", (code, signal) => {
    children.delete(name);
    if (!stopping && longLived) {
      console.error(`[sitrep] ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
      shutdown(1);
    }
  });
  return child;
}

function step(name, cmd, args) {
  const child = run(name, cmd, args);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(signal ? 128 : code));
  });
}

function pipeLines(child, onLine) {
  let buf = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      console.log(line);
      onLine?.(line);
    }
  });
}

async function mustSucceed(name, cmd, args, failure) {
  const code = await step(name, cmd, args);
  if (stopping) return new Promise(() => {}); // Ctrl-C during the step: shutdown() exits
  if (code !== 0) {
    console.error(`[sitrep] ${failure} (exit code ${code}).`);
    await shutdown(1);
  }
}

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once("exit", () => { clearTimeout(t); resolve(true); });
  });
}

function killGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch {} }
}

// App first, database last: the app may still be writing. Each gets a grace period, then SIGKILL.
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const name of [...children.keys()].reverse()) {
    const child = children.get(name);
    if (!child) continue;
    killGroup(child, "SIGTERM");
    if (!(await waitExit(child, name === "database" ? 20_000 : 8_000))) {
      console.error(`[sitrep] ${name} did not stop in time; killing it.`);
      killGroup(child, "SIGKILL");
      await waitExit(child, 2_000);
    }
  }
  process.exit(code);
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, onSignal);
function onSignal() {
  if (!stopping) {
    say("stopping (press Ctrl-C again to force)…");
    return shutdown(0);
  }
  for (const child of children.values()) killGroup(child, "SIGKILL");
  process.exit(130);
}

async function startDatabase() {
  if (!embedded) {
    const u = URL.canParse(env.DATABASE_URL) ? new URL(env.DATABASE_URL) : null;
    if (!u) {
      console.error("[sitrep] DATABASE_URL is not a URL: expected postgresql://user:password@host:5432/database (unset it for the embedded database).");
      process.exit(1);
    }
    return `external PostgreSQL ${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.host}${u.pathname}`;
  }
  const pgDir = path.join(dataDir, "pglite");
  const pgPort = env.SITREP_PGLITE_PORT || "5433";
  say(`starting the embedded database (PGlite) in ${pgDir} on 127.0.0.1:${pgPort}…`);
  try {
    const { child, url } = await spawnPglite({
      dataDir: pgDir, port: Number(pgPort), env, onSpawn: (c) => children.set("database", c),
    });
    child.once("exit", (code, signal) => {
      children.delete("database");
      if (!stopping) {
        console.error(`[sitrep] the embedded database exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
        shutdown(1);
      }
    });
    env.DATABASE_URL = url;
    env.SITREP_DEMO = "1";
    // PGlite runs one transaction at a time: more app processes would only queue on it.
    env.SITREP_WORKERS ??= "1";
    // It serves 10 connections at most: a smaller pool leaves room for the CLI tools beside the app.
    env.DATABASE_POOL_SIZE ??= "5";
  } catch (e) {
    if (stopping) return new Promise(() => {}); // Ctrl-C during the first start: shutdown() exits
    console.error(`[sitrep] ${e.exitCode === EXIT_PORT_IN_USE
      ? `port ${pgPort} for the embedded database is taken (another Sitrep running?). Set SITREP_PGLITE_PORT to use another port.`
      : e.exitCode === EXIT_DIR_LOCKED
        ? `${pgDir} is used by another running Sitrep. Stop it, or set SITREP_DATA_DIR to another folder.`
        : `could not start the embedded database: ${e.message}`}`);
    process.exit(1);
  }
  return `embedded PGlite at ${pgDir}`;
}

function authSecret() {
  if (!env.AUTH_SECRET) {
    const file = path.join(dataDir, "auth-secret");
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
      say(`created a session signing secret in ${file}`);
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  }
  env.AUTH_TRUST_HOST ??= "true";
}

function startApp(database) {
  const bin = path.join(root, "node_modules/.bin/next");
  const app = dev
    ? run("app", bin, ["dev", "--port", port, "--hostname", host], { longLived: true })
    : run("app", process.execPath, [path.join(root, "scripts/server.mjs")], { longLived: true });
  const ready = dev ? /Ready in/ : /^Sitrep listening on /;
  let announced = false;
  pipeLines(app, (line) => {
    if (announced || !ready.test(line)) return;
    announced = true;
    console.log([
      "",
      `  Sitrep is running${dev ? " (development)" : ""}: http://localhost:${port}`,
      `  Database: ${database}`,
      host === "127.0.0.1" ? "  Reachable from this machine only (set SITREP_HOST=0.0.0.0 to share it, after changing the demo passwords)." : `  Listening on ${host}.`,
      demo ? "  Demo workspace: sign in with the demo logins printed by the seed above." : "  Demo workspace: off (SITREP_DEMO=1 turns it on).",
      "  Stop with Ctrl-C.",
      "",
    ].join("\n"));
  });
}

async function main() {
  const database = await startDatabase();
  // A Ctrl-C at any step: shutdown() is already stopping everything, so start nothing more.
  if (stopping) return;
  authSecret();
  if (demo && !env.SITREP_ALERTMANAGER_TOKEN) {
    // The demo accepts alerts out of the box: point an Alertmanager at it with this token.
    env.SITREP_ALERTMANAGER_TOKEN = tokenFile(dataDir, "alertmanager-token");
    say(`alert intake: POST /api/alerts/alertmanager with the bearer token in ${path.join(dataDir, "alertmanager-token")}`);
  }
  await mustSucceed("migrate", process.execPath, [path.join(root, "scripts/migrate.mjs"), "deploy"],
    "Applying database migrations failed; the app was not started");
  if (stopping) return;
  if (demo) {
    if (fs.existsSync(path.join(root, "prisma/seed.ts"))) {
      await mustSucceed("seed", path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "prisma/seed.ts"],
        "Seeding the demo workspace failed");
    } else say("prisma/seed.ts not found, skipping the demo seed.");
  }
  const build = dev ? "fresh" : buildState(root);
  if (build !== "fresh") {
    say(build === "missing" ? "No production build found, building (about 30 s)…" : "The code changed since the last build, rebuilding (about 30 s)…");
    await mustSucceed("build", path.join(root, "node_modules/.bin/next"), ["build"], "next build failed");
  }
  if (stopping) return;
  if (demo && env.SITREP_FLEET !== "off") {
    try {
      await startFleet({ root, env, dataDir, run, pipeLines, say });
    } catch (e) {
      console.error(`[sitrep] ${e.message}`);
      return shutdown(1);
    }
  }
  if (!stopping) startApp(database);
}

main().catch((e) => {
  console.error(`[sitrep] ${e?.stack ?? e}`);
  shutdown(1);
});
