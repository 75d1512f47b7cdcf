// Prometheus text format: HTTP request counts and durations (recorded by scripts/server.mjs) and
// process metrics. With METRICS_TOKEN set, scrapers must send it as a bearer token.
import { metricsResponse } from "@/lib/health/metrics";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return metricsResponse(request);
}
