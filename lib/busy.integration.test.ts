import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BusyError } from "@/lib/busy";
import { getEnv } from "@/lib/env";
import { oneSessionDatabase } from "@/lib/testing/db";

describe("a transaction that cannot start", () => {
  it("is retried once, then reported as busy (not 'something went wrong'), and changes nothing", async () => {
    // Hold every pooled connection in a transaction for a while (the embedded database runs one
    // transaction at a time: one holder is enough there).
    const holding = (await oneSessionDatabase()) ? 1 : getEnv().DATABASE_POOL_SIZE;
    const holders = Array.from({ length: holding }, () =>
      db.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(1.5)::text`, { timeout: 10_000 }),
    );
    await new Promise((r) => setTimeout(r, 200));
    let attempts = 0;
    const started = Date.now();
    const error = await db
      .$transaction(
        async (tx) => {
          attempts++;
          return tx.$queryRaw`SELECT 1`;
        },
        { maxWait: 150 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).message).toMatch(/busy.*Nothing was changed.*try again/i);
    expect(attempts).toBe(0);
    // Two bounded waits, not an unbounded queue.
    expect(Date.now() - started).toBeLessThan(1_000);
    await Promise.all(holders);
    // Once the pool is free again the same transaction runs.
    await expect(db.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  });
});
