import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { clearTxGuardViolations, outsideTransaction, TxGuardError, txGuardViolations } from "@/lib/tx-guard";

// The guard runs in every test (lib/testing/tx-guard-setup.ts fails a test it fired in); this file
// checks the guard itself, on whichever database the suite runs against (PostgreSQL or PGlite).
describe("transaction guard", () => {
  it("is on, in throw mode, under the test runner", () => {
    expect(getEnv().SITREP_TX_GUARD).toBe("throw");
  });

  it("refuses the global client inside a transaction, and lets `tx` work", async () => {
    const marker = `tx-guard-${Date.now()}`;
    const attempt = db.$transaction(async (tx) => {
      await tx.auditHead.findUniqueOrThrow({ where: { id: 1 } }); // through tx: fine
      await tx.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS tx_guard_probe (v text) ON COMMIT DROP`;
      await tx.$executeRaw`INSERT INTO tx_guard_probe VALUES (${marker})`;
      return db.user.count(); // through the global client: refused
    });
    await expect(attempt).rejects.toBeInstanceOf(TxGuardError);
    await expect(attempt).rejects.toThrow(/inside a transaction: use the transaction's `tx`/);
    expect(txGuardViolations()).toHaveLength(1);
    clearTxGuardViolations();
  });

  it("catches calls made deeper in the same async context, and nested global transactions", async () => {
    const deeper = async () => {
      await new Promise((r) => setTimeout(r, 5));
      return Promise.all([db.incident.count()]);
    };
    await expect(db.$transaction(async () => deeper())).rejects.toBeInstanceOf(TxGuardError);
    await expect(db.$transaction(async () => db.$transaction(async (tx) => tx.user.count()))).rejects.toBeInstanceOf(TxGuardError);
    expect(txGuardViolations().length).toBeGreaterThanOrEqual(2);
    clearTxGuardViolations();
  });

  it("lets the global client work before, after and beside a transaction", async () => {
    let later: Promise<number> | null = null;
    const n = await db.$transaction(async (tx) => {
      // Work that deliberately runs on its own connection after the transaction.
      later = outsideTransaction(() => new Promise<number>((r) => setTimeout(r, 20)).then(() => db.user.count()));
      return tx.user.count();
    });
    expect(await later).toBe(n);
    await expect(db.user.count()).resolves.toBe(n);
    // The array form has no callback, so no async context to mark.
    const [a, b] = await db.$transaction([db.user.count(), db.incident.count()]);
    expect(a).toBe(n);
    expect(typeof b).toBe("number");
    expect(txGuardViolations()).toEqual([]);
  });
});
