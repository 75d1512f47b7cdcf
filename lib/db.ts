import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { checkGlobalAccess, inTransactionScope } from "@/lib/tx-guard";
import { SerialClient } from "@/lib/serial-pg-client";
import { auditCommitted, flushAuditBatch, openAuditBatch, type AppendResult } from "@/lib/audit/append";
import { withBusyRetry } from "@/lib/busy";

export type { Prisma } from "@/lib/generated/prisma/client";

function createClient() {
  const env = getEnv();
  // SerialClient: one query at a time per connection, even when Prisma sends two (lib/serial-pg-client.ts).
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, Client: SerialClient });
  return new PrismaClient({ adapter });
}

type Client = ReturnType<typeof createClient>;

// One client per process, surviving dev-mode module reloads.
const globalForDb = globalThis as unknown as { sitrepDb?: Client };

// An interactive transaction's callback runs in a marked async context (lib/tx-guard.ts), so the
// global client refuses to be used from inside it, and its audit entries are appended in one
// statement as its last act (lib/audit/append.ts). A transaction that cannot start in time is
// retried once, then reported as BusyError (lib/busy.ts). The batch form (an array) has no callback.
function guardedTransaction(client: Client): Client["$transaction"] {
  return ((arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return (client.$transaction as (a: unknown, o?: unknown) => unknown)(arg, options);
    const fn = arg as (tx: unknown) => Promise<unknown>;
    const run = async () => {
      let appended: AppendResult | null = null;
      const result = await client.$transaction(async (tx) => {
        openAuditBatch(tx);
        const out = await inTransactionScope(() => fn(tx));
        appended = await flushAuditBatch(tx);
        return out;
      }, options as never);
      auditCommitted(appended);
      return result;
    };
    return withBusyRetry(run);
  }) as Client["$transaction"];
}

export const db = new Proxy({} as Client, {
  get(_target, prop) {
    checkGlobalAccess(prop, getEnv().SITREP_TX_GUARD);
    globalForDb.sitrepDb ??= createClient();
    const client = globalForDb.sitrepDb;
    if (prop === "$transaction") return guardedTransaction(client);
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type Db = Client;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
