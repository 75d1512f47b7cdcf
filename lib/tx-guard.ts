// The transaction guard. Inside `db.$transaction(async (tx) => …)` every read and write must go
// through `tx`. A call through the global client instead takes a second connection: harmless on
// PostgreSQL with a pool, but the embedded database (PGlite) has ONE session, held by the
// transaction, so that call waits until the transaction times out (Prisma P2028). The guard
// makes the mistake loud on every database: AsyncLocalStorage marks the transaction's async
// context, and the global client refuses to be used while it is open.
import { AsyncLocalStorage } from "node:async_hooks";

export type TxGuardMode = "throw" | "warn" | "off";
type Scope = { open: boolean };

const scopes = new AsyncLocalStorage<Scope>();
const MARK = "[tx-guard]";

export class TxGuardError extends Error {
  constructor(what: string) {
    super(
      `${MARK} the global Prisma client was used (db.${what}) inside a transaction: use the transaction's ` +
        "`tx`, or read it before the transaction opens. On the embedded database this call would wait " +
        "until the transaction times out (P2028).",
    );
    this.name = "TxGuardError";
  }
}

// Every violation seen by this process, for test harnesses that check none slipped past a catch.
const seen: string[] = [];
export const txGuardViolations = (): readonly string[] => seen;
export const clearTxGuardViolations = () => void seen.splice(0);

const warned = new Set<string>();

/** Called on every access to the global client: refuses it while a transaction is open here. */
export function checkGlobalAccess(prop: string | symbol, mode: TxGuardMode): void {
  if (mode === "off" || typeof prop !== "string" || !scopes.getStore()?.open) return;
  const error = new TxGuardError(prop);
  seen.push(`${error.message}\n${error.stack ?? ""}`);
  if (mode === "throw") {
    console.error(error.stack);
    throw error;
  }
  // Production: log each call site once and let it through (it works on a pooled server).
  const site = error.stack?.split("\n").slice(2, 4).join("\n") ?? prop;
  if (!warned.has(site)) {
    warned.add(site);
    console.error(error.stack);
  }
}

/** Runs a transaction callback in a marked async context, closed when the callback settles. */
export async function inTransactionScope<T>(fn: () => Promise<T>): Promise<T> {
  const scope: Scope = { open: true };
  try {
    return await scopes.run(scope, fn);
  } finally {
    scope.open = false;
  }
}

/**
 * Work started inside a transaction that deliberately runs on its own connection (fire and
 * forget, after or beside the transaction). Rarely right: on the embedded database it waits for
 * the transaction to end.
 */
export const outsideTransaction = <T>(fn: () => T): T => scopes.exit(fn);
