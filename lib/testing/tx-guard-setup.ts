// Vitest setup for every test file: no test may pass while the transaction guard fired, even when
// the code under test caught the error (a `.catch(() => null)` would otherwise hide it).
import { afterEach, expect } from "vitest";
import { clearTxGuardViolations, txGuardViolations } from "@/lib/tx-guard";

afterEach(() => {
  const violations = [...txGuardViolations()];
  clearTxGuardViolations();
  expect(violations, "the global Prisma client was used inside a transaction (see lib/tx-guard.ts)").toEqual([]);
});
