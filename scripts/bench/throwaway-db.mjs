// A throwaway database on the PostgreSQL server DATABASE_URL names, which must be this machine:
// created with a unique name, dropped when the bench stops (Ctrl-C included). The database
// DATABASE_URL itself is never written to.
import pg from "pg";
import { onStop } from "./processes.mjs";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
export const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Resolves { url, version } of the new database; throws (with a clear message) for a remote server. */
export async function createThrowawayDatabase(serverUrl, prefix, say) {
  let url;
  try { url = new URL(serverUrl); } catch { throw new Error("DATABASE_URL is not a valid URL"); }
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`DATABASE_URL points at ${url.hostname}, not this machine: the bench only creates its throwaway database on a local server`);
  }
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  onStop(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  const version = (await admin.query("SHOW server_version")).rows[0].server_version;
  say(`database: ${name} on ${url.host} (PostgreSQL ${version}), dropped at the end`);
  if (!version.startsWith("15")) say(`note: the goals are set for PostgreSQL 15; this server is ${version}`);
  url.pathname = `/${name}`;
  return { url: url.toString(), version };
}
