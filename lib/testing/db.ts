// Helpers for integration tests: a raw pg connection to the test database (never a remote one).
import pg from "pg";
import { randomUUID } from "node:crypto";

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Integration tests need DATABASE_URL (npm test sets it).");
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
  return url;
}

export async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID().slice(0, 8)}@test.sitrep`;
export const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/**
 * Whether the test database serves every connection from one backend (the embedded PGlite): there,
 * transactions run one at a time, so tests of how concurrent PostgreSQL sessions interleave
 * (locks held across two transactions) cannot run, and CI runs them on PostgreSQL 15.
 */
export async function oneSessionDatabase(): Promise<boolean> {
  const a = new pg.Client({ connectionString: testDatabaseUrl() });
  const b = new pg.Client({ connectionString: testDatabaseUrl() });
  await Promise.all([a.connect(), b.connect()]);
  try {
    const [x, y] = await Promise.all([a.query("SELECT pg_backend_pid() AS p"), b.query("SELECT pg_backend_pid() AS p")]);
    return x.rows[0].p === y.rows[0].p;
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
}
