import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

export type { Prisma } from "@/lib/generated/prisma/client";

function createClient() {
  const env = getEnv();
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

// One client per process, surviving dev-mode module reloads.
const globalForDb = globalThis as unknown as { sitrepDb?: ReturnType<typeof createClient> };

export const db = new Proxy({} as ReturnType<typeof createClient>, {
  get(_target, prop) {
    globalForDb.sitrepDb ??= createClient();
    const value = Reflect.get(globalForDb.sitrepDb, prop);
    return typeof value === "function" ? value.bind(globalForDb.sitrepDb) : value;
  },
});

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
