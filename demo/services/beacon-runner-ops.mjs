// Beacon runner's failure scenarios and the recovery steps of its runbook, as faults and admin
// actions. A restart is a new process: counters start from zero and in-memory state is lost.
import { enumParam, HttpError, intParam } from "../lib/http.mjs";
import { faultBook } from "../lib/service.mjs";

/** restart-service targets and the fault each one ends */
const SERVICES = {
  "job-runner": "high-job-failure-rate",
  "outbox-publisher": "jobs-stuck-in-queue",
  "database-connections": "database-errors",
  "redis-connections": "redis-errors",
  yagna: "low-negotiation-success",
  ipfs: "ipfs-down",
};
const BREAKER_OF = { "database-connections": "database", "redis-connections": "redis", yagna: "yagna", ipfs: "ipfs" };

export function beaconFaults({ state, breakers }) {
  const flag = (title, symptoms, recovery, extra = {}) => ({ title, symptoms, recovery, ...extra });
  const restartService = (service) => ({ action: "restart-service", body: { service } });
  // Ending a dependency's failure also closes its breaker, so the symptoms end with the fault.
  const closes = (dep) => ({ clear: () => breakers[dep].close() });
  return faultBook({
    "runner-down": flag("Runner down (RunnerDown)", "service unavailable: /health/ready and /metrics answer 503", { action: "restart" }),
    "circuit-open": flag(
      "Circuit breaker open (Golem/yagna)", "services[yagna].circuit_breaker_stats.state open; jobs fail fast with circuit_open; health degraded",
      { action: "reset-circuit-breakers", body: { service: "yagna" } },
      { inject: () => breakers.yagna.open(Date.now(), { hold: true }), active: () => breakers.yagna.held, clear: () => breakers.yagna.held && breakers.yagna.close() },
    ),
    "high-job-failure-rate": flag("High job failure rate (HighJobFailureRate)", "over 10% of jobs fail (execution_timeout in runner_failures_total); workers.job_runner stuck", restartService("job-runner")),
    "jobs-stuck-in-queue": flag("Jobs stuck in queue (JobsStuckInQueue)", "outbox publisher stalled: outbox_unpublished_count and outbox_oldest_unpublished_age_seconds keep growing", restartService("outbox-publisher")),
    "high-latency": flag("High HTTP latency (HighHTTPLatency)", "http_request_duration_seconds p95 above 2 s: the machines are starved of CPU", { action: "scale-machines", body: { count: 4 } }),
    "low-negotiation-success": flag("Low negotiation success rate (LowNegotiationSuccessRate)", "probe success below 70%, few offers seen; yagna degraded", restartService("yagna")),
    "ipfs-down": flag("IPFS daemon down", "IPFS connection errors, bundle_upload failures; ipfs unhealthy and its breaker opens", restartService("ipfs"), closes("ipfs")),
    "database-errors": flag("Database connection errors", "connection errors and timeouts: database unhealthy, /health/ready 503, job submission 503", restartService("database-connections"), closes("database")),
    "redis-errors": flag("Redis connection errors", "queue processing stopped, outbox_publish_errors_total climbing; redis unhealthy, /health/ready 503", restartService("redis-connections"), closes("redis")),
    "memory-leak": flag(
      "Memory leak", "memory_heap_alloc_bytes and goroutine_count climb steadily", { action: "restart" },
      { clear: () => { state.leaked = 0; state.leakedRoutines = 0; } },
    ),
  });
}

export function beaconAdmin(model) {
  const { state, breakers, machines, faults, g, registry, seed } = model;
  const closeBreakers = (names) => names.map((n) => ({ name: n, was: breakers[n].close() }));
  return {
    restart: {
      title: "Restart the runner (flyctl restart)",
      params: {},
      run: () => {
        const cleared = ["runner-down", "memory-leak", "jobs-stuck-in-queue", "high-job-failure-rate", "circuit-open", "database-errors", "redis-errors"].filter((f) => faults.clear(f));
        closeBreakers(Object.keys(breakers));
        registry.resetMetrics();
        seed();
        model.tick(0);
        state.startedAt = Date.now();
        return { restarted: `${machines.current} machine(s)`, cleared, note: "counters restart from zero, in-memory circuit breakers are closed" };
      },
    },
    "reset-circuit-breakers": {
      title: "Reset circuit breakers (POST /api/v1/admin/circuit-breakers/reset)",
      params: { service: enumParam(["all", ...Object.keys(breakers)], { default: "all" }) },
      run: ({ service }) => {
        const names = service === "all" ? Object.keys(breakers) : [service];
        const reset = closeBreakers(names);
        if (names.includes("yagna")) faults.clear("circuit-open");
        return { reset };
      },
    },
    "restart-service": {
      title: "Restart a stuck internal service or dependency connection",
      params: { service: enumParam(Object.keys(SERVICES)) },
      run: ({ service }) => {
        const fixed = faults.clear(SERVICES[service]);
        const breaker = BREAKER_OF[service] ? closeBreakers([BREAKER_OF[service]])[0] : null;
        return { restarted: service, fault_cleared: fixed ? SERVICES[service] : null, breaker };
      },
    },
    "republish-jobs": {
      title: "Manually republish unpublished outbox jobs",
      params: { limit: intParam(1, 1000, { default: 100 }) },
      run: ({ limit }) => {
        const before = state.outbox.unpublished;
        const published = model.publishOutbox(Date.now(), limit);
        if (before > 0 && published === 0) throw new HttpError(409, "Redis is not reachable: nothing could be published");
        return { published, still_unpublished: state.outbox.unpublished };
      },
    },
    "clear-queue": {
      title: "Clear a Redis queue (jobs in it are lost)",
      params: { queue: enumParam(Object.keys(state.queues)) },
      run: ({ queue }) => {
        const dropped = state.queues[queue];
        state.queues[queue] = 0;
        g.queueDepth.set({ queue }, 0);
        return { queue, dropped };
      },
    },
    "requeue-dead-letters": {
      title: "Requeue recoverable jobs from the dead letter queue",
      params: { limit: intParam(1, 1000, { default: 100 }) },
      run: ({ limit }) => {
        const n = Math.min(limit, state.queues["dead-letter"]);
        state.queues["dead-letter"] -= n;
        state.queues.jobs += n;
        return { requeued: n, dead_letter_remaining: state.queues["dead-letter"] };
      },
    },
    "scale-machines": {
      title: "Scale runner machines (flyctl scale count)",
      params: { count: intParam(machines.min, machines.max) },
      run: ({ count }) => {
        const r = machines.scale(count);
        const relieved = count > r.previous && faults.clear("high-latency");
        return { ...r, high_latency_relieved: relieved };
      },
    },
    "restore-machines": {
      title: "Restore the machine count from before the last scale",
      params: {},
      run: () => {
        const r = machines.restore();
        if (!r) throw new HttpError(409, "nothing to restore: no scale since the last restore");
        return r;
      },
    },
  };
}
