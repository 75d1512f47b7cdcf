// Where a bench that writes (runs, audit entries, catalogs) keeps its rows: DATABASE_URL when it
// is local (kept), else a fresh database on the local PostgreSQL (dropped at the end), else the
// embedded PGlite when no PostgreSQL answers.
//   BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres (where the throwaway database is made)
import path from "node:path";
import { spawn } from "node:child_process";
import { onStop, startDatabase } from "./processes.mjs";
import { createThrowawayDatabase } from "./throwaway-db.mjs";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export async function benchDatabase(env, { prefix, say }) {
  const localPg = process.env.BENCH_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  if (env.DATABASE_URL) {
    let host = "(unparseable URL)";
    try { host = new URL(env.DATABASE_URL).hostname; } catch {}
    if (!LOCAL_HOSTS.has(host)) throw new Error(`DATABASE_URL points at ${host}: the bench writes rows, so only a database on this machine`);
    say(`database: ${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname} (from DATABASE_URL; kept)`);
    return env.DATABASE_URL;
  }
  try {
    return (await createThrowawayDatabase(localPg, prefix, say)).url;
  } catch (e) {
    if (!/ECONNREFUSED|ENOTFOUND|timeout/i.test(`${e.code ?? ""} ${e.message}`)) throw e;
    say(`no PostgreSQL at ${new URL(localPg).host} (${e.code ?? e.message}): using the embedded one`);
    const embedded = { ...env, DATABASE_URL: "" };
    const url = await startDatabase(embedded, say);
    Object.assign(env, { SITREP_WORKERS: embedded.SITREP_WORKERS, DATABASE_POOL_SIZE: embedded.DATABASE_POOL_SIZE });
    return url;
  }
}

/** Runs a tsx script that uses the lib code ("server-only") and returns its last stdout line as JSON. */
export function tsxWorker(script, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", script], {
      cwd: root, env, stdio: ["ignore", "pipe", "inherit"],
    });
    onStop(() => child.kill("SIGTERM"));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out.trim().split("\n").at(-1)));
      else reject(new Error(`the bench worker exited with ${signal ?? code}${signal ? ` (time limit ${timeoutMs / 1000} s)` : ""}`));
    });
  });
}
