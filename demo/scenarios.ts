// What each fault must do, per its seed runbook: the symptom to see after injecting it, and (when
// "up" again is not enough) what its recovery must restore. Used by fleet.test.ts, which fails
// when the fleet offers a fault that has no entry here.
import { delta, quantileBetween, value, type Json, type Look } from "./testing";
/** The faulted service's look, plus `look(slug)` for the services that depend on it. */
export type Probe = Look & { body: Json; look: (slug: string) => Promise<Look> };
export type Scenario = {
  inject?: Record<string, string>;
  symptom: (p: Probe) => boolean | Promise<boolean>;
  /** default: the catalog's health check judges the service up */
  recovered?: (p: Probe) => boolean | Promise<boolean>;
};

const MiB = 1024 ** 2;
const dep = (p: Probe, name: string) => p.body.services.find((s: Json) => s.name === name);
const p95 = (p: Probe, metric: string) => quantileBetween(p.before, p.metrics, metric, 0.95);
const slow = (p: Probe, metric: string) => p95(p, metric).count >= 20 && (p95(p, metric).value ?? 0) > 2;
const fast = (p: Probe, metric: string, limit: number) => p.verdict === "up" && p95(p, metric).count >= 20 && (p95(p, metric).value ?? 99) < limit;
const ratio = (p: Probe, part: string, other: string) => {
  const a = delta(p.before, p.metrics, part), b = delta(p.before, p.metrics, other);
  return { n: a + b, share: a / Math.max(1, a + b) };
};
const up = async (p: Probe, ...slugs: string[]) => p.verdict === "up" && (await Promise.all(slugs.map((s) => p.look(s)))).every((l) => l.verdict === "up");

export const SCENARIOS: Record<string, Scenario> = {
  "beacon-runner/runner-down": { symptom: (p) => p.health.status === 503 && p.metrics === null },
  "beacon-runner/circuit-open": {
    symptom: (p) => p.verdict === "degraded" && dep(p, "yagna").circuit_breaker_stats.state === "open"
      && value(p.metrics, "circuit_breaker_state", { service: "yagna" }) === 1 && delta(p.before, p.metrics, "runner_failures_total", { error_type: "circuit_open" }) > 0,
    recovered: (p) => p.verdict === "up" && value(p.metrics, "circuit_breaker_state", { service: "yagna" }) === 0,
  },
  "beacon-runner/high-job-failure-rate": {
    symptom: (p) => {
      const r = ratio(p, "jobs_failed_total", "jobs_processed_total");
      return p.body.workers.job_runner === "stuck" && r.n >= 10 && r.share > 0.1;
    },
  },
  "beacon-runner/jobs-stuck-in-queue": {
    symptom: (p) => p.body.workers.outbox_publisher === "stalled" && value(p.metrics, "outbox_unpublished_count") > 10 && value(p.metrics, "outbox_oldest_unpublished_age_seconds") >= 1,
    recovered: (p) => p.verdict === "up" && value(p.metrics, "outbox_unpublished_count") < 10,
  },
  "beacon-runner/high-latency": { symptom: (p) => slow(p, "http_request_duration_seconds"), recovered: (p) => fast(p, "http_request_duration_seconds", 1) },
  "beacon-runner/low-negotiation-success": {
    symptom: (p) => {
      const r = ratio(p, "negotiation_probes_passed_total", "negotiation_probes_failed_total");
      return dep(p, "yagna").status === "degraded" && p.verdict === "degraded" && r.n >= 8 && r.share < 0.7;
    },
  },
  "beacon-runner/ipfs-down": {
    symptom: (p) => dep(p, "ipfs").status === "unhealthy" && dep(p, "ipfs").circuit_breaker_stats.state === "open" && p.verdict === "degraded"
      && delta(p.before, p.metrics, "runner_failures_total", { component: "ipfs" }) > 0,
  },
  "beacon-runner/database-errors": {
    symptom: (p) => p.health.status === 503 && dep(p, "database").status === "unhealthy" && delta(p.before, p.metrics, "http_requests_total", { status: "503" }) > 0,
  },
  "beacon-runner/redis-errors": {
    symptom: (p) => p.health.status === 503 && dep(p, "redis").status === "unhealthy" && delta(p.before, p.metrics, "outbox_publish_errors_total") > 0,
  },
  "beacon-runner/memory-leak": {
    symptom: (p) => delta(p.before, p.metrics, "memory_heap_alloc_bytes") > 20 * MiB && delta(p.before, p.metrics, "goroutine_count") > 15,
    recovered: (p) => p.verdict === "up" && value(p.metrics, "memory_heap_alloc_bytes") < 100 * MiB,
  },

  "fondation-worker/worker-not-processing": {
    symptom: (p) => p.health.status === 503 && p.body.checks.heartbeat.status === "stale" && delta(p.before, p.metrics, "fondation_heartbeat_age_seconds") >= 1,
  },
  "fondation-worker/expired-leases": {
    symptom: (p) => p.verdict === "degraded" && p.body.status === "healthy" && p.body.leases.expired >= 3 && value(p.metrics, "fondation_leases_expired") >= 3,
    recovered: (p) => p.verdict === "up" && p.body.leases.expired === 0 && value(p.metrics, "fondation_leases_reclaimed_total") >= 3,
  },
  "fondation-worker/memory-leak": {
    symptom: (p) => delta(p.before, p.metrics, "process_resident_memory_bytes") > 150 * MiB,
    recovered: (p) => p.verdict === "up" && value(p.metrics, "process_resident_memory_bytes") < 1024 * MiB,
  },
  "fondation-worker/claude-auth-failed": { symptom: (p) => p.verdict === "degraded" && p.body.status === "degraded" && p.body.checks.claude.status === "unauthorized" },
  "fondation-worker/convex-disconnected": { symptom: (p) => p.verdict === "degraded" && p.body.checks.convex.status === "disconnected" && value(p.metrics, "fondation_convex_connected") === 0 },
  "fondation-worker/disk-full": {
    symptom: (p) => p.verdict === "degraded" && p.body.checks.disk.status === "full" && value(p.metrics, "fondation_disk_used_bytes") / value(p.metrics, "fondation_disk_total_bytes") >= 0.95,
  },

  "beamline-router/circuit-open": {
    inject: { tenant: "globex", provider: "anthropic" },
    symptom: (p) => {
      const labels = { tenant_id: "globex", provider_id: "anthropic" };
      return p.verdict === "degraded" && p.body.circuit_breakers.find((b: Json) => b.name === "globex/anthropic").state === "open"
        && value(p.metrics, "router_circuit_breaker_state", labels) === 1 && delta(p.before, p.metrics, "router_decide_requests_total", { ...labels, result: "circuit_open" }) > 0;
    },
    recovered: (p) => p.verdict === "up" && value(p.metrics, "router_circuit_breaker_state", { tenant_id: "globex", provider_id: "anthropic" }) === 0,
  },
  "beamline-router/jetstream-overflow": {
    symptom: (p) => p.verdict === "degraded" && p.body.jetstream.consumers[0].status === "backlogged"
      && value(p.metrics, "router_jetstream_consumer_pending_messages", { consumer: "router_decide_consumer" }) > 5000,
  },
  "beamline-router/nats-connection-flapping": {
    symptom: (p) => p.verdict === "degraded" && p.body.nats.status === "reconnecting" && delta(p.before, p.metrics, "router_nats_reconnects_total") > 0,
  },

  "nats/nats-down": {
    symptom: async (p) => {
      const router = await p.look("beamline-router");
      return p.health.status === 503 && value(p.metrics, "nats_up") === 0
        && router.health.status === 503 && router.verdict === "down" && value(router.metrics, "router_nats_connection_status") === 0;
    },
    recovered: (p) => up(p, "beamline-router"),
  },

  "aitbc-coordinator/coordinator-503": {
    symptom: (p) => p.health.status === 503 && delta(p.before, p.metrics, "http_requests_total", { status: "503" }) > 0 && value(p.metrics, "kube_deployment_status_replicas_available") === 0,
  },
  "aitbc-coordinator/resource-starved": {
    symptom: (p) => p.verdict === "degraded" && p.body.resources.status === "saturated" && slow(p, "http_request_duration_seconds")
      && value(p.metrics, "container_memory_working_set_bytes") / value(p.metrics, "container_spec_memory_limit_bytes") > 0.9,
  },

  "aitbc-postgres/postgres-down": {
    symptom: async (p) => {
      const coordinator = await p.look("aitbc-coordinator");
      return p.health.status === 503 && value(p.metrics, "pg_up") === 0 && coordinator.health.status === 503 && coordinator.health.json.database.status === "unreachable";
    },
    recovered: (p) => up(p, "aitbc-coordinator"),
  },
  "aitbc-postgres/connection-exhaustion": {
    symptom: async (p) => {
      const c = await p.look("aitbc-coordinator");
      return p.verdict === "degraded" && p.body.connections.status === "exhausted"
        && value(p.metrics, "pg_stat_activity_count") / value(p.metrics, "pg_settings_max_connections") >= 0.95
        && c.verdict === "degraded" && delta(c.before, c.metrics, "coordinator_db_errors_total", { error: "too_many_clients" }) > 0;
    },
    recovered: (p) => up(p, "aitbc-coordinator"),
  },
  "aitbc-postgres/replica-lag": {
    symptom: (p) => p.verdict === "degraded" && p.body.replica.status === "lagging" && value(p.metrics, "pg_replication_lag_seconds") > 30,
    recovered: (p) => p.verdict === "up" && value(p.metrics, "pg_replication_lag_seconds") < 10,
  },
  "aitbc-postgres/disk-full": {
    symptom: async (p) => {
      const c = await p.look("aitbc-coordinator");
      return p.body.storage.status === "full" && value(p.metrics, "kubelet_volume_stats_used_bytes") / value(p.metrics, "kubelet_volume_stats_capacity_bytes") >= 0.95
        && delta(p.before, p.metrics, "pg_stat_database_xact_rollback_total") > 0 && c.health.json.database.status === "read-only";
    },
    recovered: (p) => up(p, "aitbc-coordinator"),
  },

  "aitbc-redis/redis-down": {
    symptom: async (p) => {
      const c = await p.look("aitbc-coordinator");
      return p.health.status === 503 && value(p.metrics, "redis_up") === 0
        && c.health.status === 200 && c.verdict === "degraded" && delta(c.before, c.metrics, "coordinator_cache_requests_total", { result: "error" }) > 0;
    },
    recovered: (p) => up(p, "aitbc-coordinator"),
  },
  "aitbc-redis/memory-full": {
    symptom: (p) => p.verdict === "degraded" && p.body.memory.status === "full" && delta(p.before, p.metrics, "redis_evicted_keys_total") > 0
      && value(p.metrics, "redis_memory_used_bytes") / value(p.metrics, "redis_memory_max_bytes") >= 0.98,
  },

  "agent-node/high-error-rate": {
    symptom: (p) => p.verdict === "degraded" && p.body.checks.errors.status === "high" && delta(p.before, p.metrics, "http_requests_total", { status: "500" }) > 0,
    recovered: (p) => p.verdict === "up" && p.body.version === "2.4.1",
  },
  "agent-node/high-latency": { symptom: (p) => slow(p, "http_request_duration_seconds"), recovered: (p) => fast(p, "http_request_duration_seconds", 2) },
  "agent-node/memory-leak": {
    symptom: (p) => delta(p.before, p.metrics, "memory_usage_bytes", { type: "heap_used" }) > 15 * MiB,
    recovered: (p) => p.verdict === "up" && value(p.metrics, "memory_usage_bytes", { type: "heap_used" }) < 130 * MiB,
  },
  "agent-node/ai-provider-errors": {
    inject: { provider: "openai" },
    symptom: (p) => p.verdict === "degraded" && p.body.checks.ai_providers.find((x: Json) => x.provider === "openai").status === "failing"
      && delta(p.before, p.metrics, "ai_request_errors_total", { provider: "openai" }) > 0,
  },
  "agent-node/disk-full": {
    symptom: (p) => p.verdict === "degraded" && p.body.checks.disk.status === "full"
      && value(p.metrics, "node_filesystem_avail_bytes") / value(p.metrics, "node_filesystem_size_bytes") < 0.05,
  },
};
