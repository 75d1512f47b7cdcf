import "server-only";
import { db } from "@/lib/db";

const TIMEOUT_MS = 2000;

export type Readiness = {
  status: "ok" | "unavailable";
  checks: { database: { status: "ok" | "down"; latencyMs: number; reason?: string } };
};

/** Sitrep is ready when its database answers a query, with a bound on how long it may take. */
export async function checkReadiness(): Promise<Readiness> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    const latencyMs = Math.round(performance.now() - started);
    return { status: "ok", checks: { database: { status: "ok", latencyMs } } };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const reason = describe(error);
    console.error(`[ready] database check failed: ${reason}`);
    return { status: "unavailable", checks: { database: { status: "down", latencyMs, reason } } };
  } finally {
    clearTimeout(timer);
  }
}

// The reason is shown to whoever probes the endpoint: say what failed, never the connection string.
function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code;
  if (code === "ECONNREFUSED") return "database refused the connection (is PostgreSQL running?)";
  if (code === "ENOTFOUND") return "database host not found";
  if (code === "ETIMEDOUT") return "database connection timed out";
  const message = (e?.cause?.message ?? e?.message ?? "unknown error").replace(/postgres(ql)?:\/\/\S+/g, "[database url]");
  return `database error: ${message.split("\n")[0].slice(0, 200)}`;
}
