#!/usr/bin/env node
// Embedded PostgreSQL for the quick start and the tests: PGlite (PostgreSQL in wasm) served on a
// local TCP port, so the app, the migration script and psql all talk plain postgres protocol.
//
// Usage: node scripts/pglite-server.mjs [--data-dir=DIR] [--port=N] [--host=H] [--max-connections=N]
//   env fallbacks: SITREP_PGLITE_DIR (default .data/pglite), SITREP_PGLITE_PORT (default 5433).
//   --port=0 picks a free port; the ready line tells which.
// stdout carries exactly one line, "ready <host>:<port> <dataDir>", once it accepts connections;
// everything else goes to stderr. Exit codes: 0 clean stop, 1 error, 3 port in use, 4 data dir
// in use by another pglite-server.
// Imported (by start.mjs and test.mjs), it only exports spawnPglite().
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { serializeExtendedQueries } from "./pglite-queue.mjs";
import { watchParentPipe } from "./lifeline.mjs";

const self = new URL(import.meta.url).pathname;
export const EXIT_PORT_IN_USE = 3;
export const EXIT_DIR_LOCKED = 4;

// Starts this script as a child and resolves once it listens. stdin stays a pipe we never write
// to: when the parent dies, even by SIGKILL, the child sees EOF and shuts down. detached puts it
// in its own process group, so a terminal Ctrl-C reaches only the parent, which stops it last.
// onSpawn gets the child at once, before it is ready: a Ctrl-C during the first start (initdb
// takes seconds) must still be able to stop it.
export function spawnPglite({ dataDir, port = 0, maxConnections = 10, env = process.env, timeoutMs = 60_000, onSpawn }) {
  const args = [self, `--data-dir=${dataDir}`, `--port=${port}`, `--max-connections=${maxConnections}`];
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "inherit"], detached: true, env,
  });
  child.stdin.on("error", () => {}); // EPIPE once the child is gone
  onSpawn?.(child);
  return new Promise((resolve, reject) => {
    const fail = (err) => { clearTimeout(timer); reject(Object.assign(err, { child })); };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`the embedded database did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    let buf = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buf += chunk;
      const m = buf.match(/^ready (\S+):(\d+) /m);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.resume(); // nothing more is expected; keep the pipe drained anyway
      const url = `postgresql://postgres@${m[1]}:${m[2]}/postgres`;
      resolve({ child, host: m[1], port: Number(m[2]), url });
    });
    child.on("error", fail);
    child.on("exit", (code, signal) => {
      fail(Object.assign(new Error(`the embedded database exited before it was ready (${signal ?? `code ${code}`})`), { exitCode: code }));
    });
  });
}

async function serve() {
  const { values: args } = parseArgs({
    options: {
      "data-dir": { type: "string" }, port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" }, "max-connections": { type: "string", default: "10" },
    },
  });
  const root = path.resolve(path.dirname(self), "..");
  const dataDir = path.resolve(args["data-dir"] ?? process.env.SITREP_PGLITE_DIR ?? path.join(root, ".data/pglite"));
  const port = Number(args.port ?? process.env.SITREP_PGLITE_PORT ?? 5433);
  const host = args.host;
  // The app's pg pool plus the migration script must fit; pglite-socket's default of 1 would make
  // every second connection fail with "Too many connections". Extra connections cost little:
  // PGlite runs one query at a time whatever their number.
  const MAX_CONNECTIONS = Number(args["max-connections"]);
  const log = (msg) => process.stderr.write(`[pglite] ${msg}\n`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    log(`invalid port "${args.port ?? process.env.SITREP_PGLITE_PORT}"`);
    process.exit(1);
  }
  // PGlite creates the data dir itself but fails when its parent is missing.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  let db, server, stopping = null, lockFile = null;
  // Closing PGlite is what checkpoints and flushes the data dir: every exit path goes through here.
  const shutdown = (code, why) => {
    if (stopping) return stopping;
    if (why) log(`${why}, shutting down`);
    stopping = (async () => {
      // stop() waits for every client socket to close; a stuck client must not block the flush.
      const stopped = server?.stop().catch((e) => log(`stop: ${e.message}`));
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 3000).unref())]);
      try {
        if (db && !db.closed) await db.close();
      } catch (e) {
        log(`close: ${e.message}`);
        code ||= 1;
      }
      if (lockFile) fs.rmSync(lockFile, { force: true });
      process.exit(code);
    })();
    return stopping;
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => shutdown(0, sig));
  process.stdout.on("error", () => {}); // the parent may be gone before "ready": no EPIPE crash
  watchParentPipe(() => shutdown(0, "parent closed stdin"));

  try {
    if (!(await portIsFree(port, host))) {
      log(`port ${host}:${port} is already in use`);
      return shutdown(EXIT_PORT_IN_USE);
    }
    lockFile = takeLock(dataDir);
    if (!lockFile) {
      log(`${dataDir} is in use by another pglite-server; two servers on one data dir corrupt it`);
      return shutdown(EXIT_DIR_LOCKED);
    }
    const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
      import("@electric-sql/pglite"), import("@electric-sql/pglite-socket"),
    ]);
    db = new PGlite(dataDir);
    await db.waitReady;
    server = new PGLiteSocketServer({ db, host, port, maxConnections: MAX_CONNECTIONS });
    serializeExtendedQueries(server.queryQueue, db);
    await server.start();
    server.addEventListener("error", (e) => log(`socket error: ${e.detail?.message ?? e.detail}`));
  } catch (e) {
    log(`failed to start: ${e?.stack ?? e}`);
    if (e?.code === "EADDRINUSE") server = null; // never listened: nothing to stop
    return shutdown(e?.code === "EADDRINUSE" ? EXIT_PORT_IN_USE : 1);
  }
  if (!stopping) process.stdout.write(`ready ${server.getServerConn()} ${dataDir}\n`);
}

// Fail on a taken port in milliseconds rather than after PGlite's multi-second initdb.
function portIsFree(port, host) {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

// PGlite has no postmaster.pid of its own. A sibling "<dataDir>.pid" file (atomic create) keeps
// a second server off the same files; a stale one left by a crash (SIGKILL) is taken over.
function takeLock(dataDir) {
  const file = `${dataDir}.pid`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return file;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(file, "utf8").trim());
      if (pid && pid !== process.pid && isPgliteServer(pid)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}

function isPgliteServer(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === "EPERM";
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("pglite-server");
  } catch {
    return true; // no /proc (macOS): a live pid is assumed to be ours
  }
}


if (process.argv[1] && path.resolve(process.argv[1]) === self) await serve();
