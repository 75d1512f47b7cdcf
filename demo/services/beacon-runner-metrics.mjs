// Project Beacon runner's metrics, with the names its runbook and runner-app/internal/metrics use
// (jobs_*_total, outbox_*, http_request_duration_seconds, negotiation_*, Go memory gauges).
import { zero } from "../lib/sim.mjs";

export const REGIONS = ["US", "EU", "ASIA"];
export const DEPENDENCIES = ["database", "redis", "yagna", "ipfs"];
export const ROUTES = { "GET /api/v1/jobs/:id": 10, "POST /api/v1/jobs": 5, "GET /api/v1/executions": 6, "GET /health/ready": 4 };
const DEF_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function beaconMetrics(m) {
  const g = {
    httpRequests: m.counter("http_requests_total", "Total HTTP requests.", ["path", "method", "status"]),
    httpDuration: m.histogram("http_request_duration_seconds", "Histogram of latencies for HTTP requests.", ["path", "method"], DEF_BUCKETS),
    enqueued: m.counter("jobs_enqueued_total", "Jobs enqueued to main queue."),
    processed: m.counter("jobs_processed_total", "Jobs processed successfully."),
    failed: m.counter("jobs_failed_total", "Jobs that failed processing."),
    retried: m.counter("jobs_retried_total", "Jobs re-enqueued for retry."),
    deadletter: m.counter("jobs_deadletter_total", "Jobs sent to dead-letter queue."),
    outboxPublished: m.counter("outbox_published_total", "Outbox messages published to Redis."),
    outboxErrors: m.counter("outbox_publish_errors_total", "Errors publishing outbox messages."),
    outboxUnpublished: m.gauge("outbox_unpublished_count", "Current number of unpublished outbox entries"),
    outboxAge: m.gauge("outbox_oldest_unpublished_age_seconds", "Age in seconds of the oldest unpublished outbox entry"),
    execDuration: m.histogram("runner_execution_duration_seconds", "Execution duration by region and status.", ["region", "status"], [1, 2.5, 5, 10, 20, 30, 60, 120, 300]),
    runnerFailures: m.counter("runner_failures_total", "Total runner execution failures by region and error type.", ["region", "error_type", "component"]),
    queueLatency: m.histogram("runner_queue_latency_seconds", "Time spent in queue before a worker starts processing.", ["region"], DEF_BUCKETS),
    offersSeen: m.counter("negotiation_offers_seen_total", "Offers observed during negotiation.", ["region"]),
    probesPassed: m.counter("negotiation_probes_passed_total", "Preflight probes that verified region.", ["region"]),
    probesFailed: m.counter("negotiation_probes_failed_total", "Preflight probes that failed or mismatched.", ["region"]),
    negotiation: m.histogram("negotiation_duration_seconds", "Negotiation duration by outcome.", ["region", "outcome"], DEF_BUCKETS),
    heapAlloc: m.gauge("memory_heap_alloc_bytes", "Current heap allocated memory in bytes"),
    heapSys: m.gauge("memory_heap_sys_bytes", "Current heap system memory in bytes"),
    goroutines: m.gauge("goroutine_count", "Current number of goroutines"),
    gcPause: m.gauge("gc_pause_duration_seconds", "Duration of the last GC pause in seconds"),
    breaker: m.gauge("circuit_breaker_state", "Circuit breaker state per dependency: 0 closed, 1 open, 2 half-open", ["service"]),
    queueDepth: m.gauge("redis_queue_depth", "Jobs waiting in each Redis queue", ["queue"]),
    machines: m.gauge("fly_machines_running", "Fly.io machines in started state"),
  };
  const seed = () => {
    const paths = Object.keys(ROUTES).map((r) => r.split(" "));
    for (const [method, path] of paths) {
      for (const status of ["200", "500"]) g.httpRequests.inc({ path, method, status }, 0);
      g.httpDuration.zero({ path, method });
    }
    zero(g.runnerFailures, ["region", REGIONS], ["error_type", ["execution_timeout", "circuit_open", "bundle_upload", "provider_error"]], ["component", ["executor"]]);
    for (const c of [g.offersSeen, g.probesPassed, g.probesFailed]) zero(c, ["region", REGIONS]);
  };
  seed();
  return { g, seed };
}
