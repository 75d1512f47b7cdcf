import "server-only";
import { timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Registry } from "prom-client";
import { getEnv } from "@/lib/env";

// Under SITREP_WORKERS > 1, scripts/cluster.mjs sets __sitrepClusterMetrics: every worker's
// metrics, aggregated by the primary, whichever worker the scrape reached.
const globalForMetrics = globalThis as unknown as { __sitrepRegistry?: Registry; __sitrepClusterMetrics?: () => Promise<string> };

/** The registry scripts/server.mjs fills; under `next dev` (no custom server) a local one. */
function registry(): Registry {
  if (!globalForMetrics.__sitrepRegistry) {
    const register = new Registry();
    collectDefaultMetrics({ register });
    globalForMetrics.__sitrepRegistry = register;
  }
  return globalForMetrics.__sitrepRegistry;
}

function authorized(request: Request, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const want = Buffer.from(`Bearer ${token}`);
  return given.length === want.length && timingSafeEqual(given, want);
}

export async function metricsResponse(request: Request): Promise<Response> {
  if (!authorized(request, getEnv().METRICS_TOKEN)) {
    return new Response("metrics need the bearer token set in METRICS_TOKEN\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="sitrep-metrics"' },
    });
  }
  const register = registry();
  const text = globalForMetrics.__sitrepClusterMetrics ? await globalForMetrics.__sitrepClusterMetrics() : await register.metrics();
  return new Response(text, {
    headers: { "content-type": register.contentType, "cache-control": "no-store" },
  });
}
