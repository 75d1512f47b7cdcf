// A database connection killed in the middle of a run's final write (what a restart of
// PostgreSQL or of a pooler does): the transaction is retried on a new connection and the end is
// recorded once, not lost. Killing a backend needs a real PostgreSQL server process per session;
// the embedded database (one session) has nothing to kill, so there the case does not apply.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { BUSY_TX, isTransient, retryTransient } from "./retry";

const embedded = async () => /PGlite|wasm/i.test((await db.$queryRaw<{ v: string }[]>`SELECT version() AS v`)[0].v);

describe("a connection killed mid-transaction", () => {
  it("is transient, and the retried transaction commits once", async () => {
    if (await embedded()) return;
    vi.spyOn(console, "warn").mockImplementation(() => {});
    let attempts = 0;
    let first: unknown;
    const result = await retryTransient("killed connection test", () => db.$transaction(async (tx) => {
      attempts++;
      if (attempts === 1) {
        await tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`.catch((e: unknown) => {
          first = e;
          throw e;
        });
      }
      return (await tx.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`)[0].n;
    }, BUSY_TX));
    expect(result).toBe(1);
    expect(attempts).toBe(2);
    expect(isTransient(first)).toBe(true);
  });
});
