import "server-only";
import { BusyError } from "@/lib/busy";

// The transactions that end a run must not be lost to a busy moment: Prisma gives up waiting for
// a pooled connection after `maxWait` (P2028), and PostgreSQL aborts one side of a deadlock or
// serialization conflict (P2034, 40P01, 40001). Each transaction rolls back whole, so retrying it
// is safe; without this, an action that really ran could be left "running" and later be called
// interrupted. A connection lost mid-transaction (killed, a restart of PostgreSQL or the pooler)
// is transient too: the retry runs on a new connection, and the writers make a retry of a commit
// whose answer was lost harmless (see run-finish.ts).

const TRANSIENT = new RegExp(
  [
    "P2028|P2034|40P01|40001|deadlock|could not serialize|Unable to start a transaction",
    "P1001|P1002|P1017|57P0[123]|08000|08003|08006|ECONNRESET|ECONNREFUSED|EPIPE",
    "Connection terminated|terminating connection|Server has closed the connection|connection (is )?closed|ConnectionClosed|Can't reach database",
  ].join("|"),
  "i",
);

export function isTransient(error: unknown): boolean {
  if (error instanceof BusyError) return true;
  const text = `${(error as { code?: string }).code ?? ""} ${error instanceof Error ? error.message : String(error)}`;
  return TRANSIENT.test(text);
}
/** Room to wait for a connection while every audit writer queues on the audit head. */
export const BUSY_TX = { maxWait: 10_000, timeout: 20_000 } as const;

export async function retryTransient<T>(what: string, fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isTransient(error)) throw error;
      const text = `${(error as { code?: string }).code ?? ""} ${error instanceof Error ? error.message : String(error)}`;
      console.warn(`[actions] ${what}: transient database error (attempt ${i} of ${attempts}), retrying: ${text.slice(0, 120)}`);
      await new Promise((r) => setTimeout(r, 100 * 2 ** i + Math.random() * 100));
    }
  }
}
