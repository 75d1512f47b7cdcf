import pg from "pg";
import { describe, expect, it } from "vitest";
import { Leadership } from "@/lib/health/leadership";
import { oneSessionDatabase, testDatabaseUrl } from "@/lib/testing/db";

const quiet = { info: () => {}, warn: () => {} };
const key = 7_265_399_000 + Math.floor(Math.random() * 1000); // this run's own lock

describe("poller leadership (advisory lock)", () => {
  it("lets exactly one instance lead, and another take over when the leader's connection dies", async (ctx) => {
    if (await oneSessionDatabase()) {
      console.warn("[leadership test] skipped: the embedded PGlite has a single session; run with DATABASE_URL on PostgreSQL (CI does)");
      return ctx.skip();
    }
    const a = new Leadership(testDatabaseUrl(), quiet, key);
    const b = new Leadership(testDatabaseUrl(), quiet, key);
    try {
      expect(await a.tryAcquire()).toBe(true);
      expect(await b.tryAcquire()).toBe(false);
      expect(await a.tryAcquire()).toBe(true); // a leader's retry is a heartbeat, still leading
      // The leader's instance dies: the server ends its session, as on a crash.
      const admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      const killed = await admin.query(`SELECT pg_terminate_backend(pid, 2000) FROM pg_stat_activity WHERE application_name = 'sitrep-poller-lock' AND pid IN (
        SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = $1::bigint / 4294967296 AND objid::bigint = $1::bigint % 4294967296)`, [key]);
      await admin.end();
      expect(killed.rowCount).toBe(1);
      // The lock is free again: the next contender to ask takes it, and the old leader (if it
      // survived its connection) steps down and cannot take it back.
      expect(await b.tryAcquire()).toBe(true);
      expect(await a.tryAcquire()).toBe(false);
      expect(a.isLeader).toBe(false);
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });
});
