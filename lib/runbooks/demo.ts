// The demo workspace's runbooks: the five seed documents in demo/runbooks/, each linked to the
// demo catalog's services it is about, with which runbook answers each demo-fleet fault and the
// steps that get bound by hand when it is seeded (lib/runbooks/demo-bindings.ts).

/**
 * A step bound by hand: the seed says what to do in words ("Restart outbox publisher worker"), so
 * no `matches` pattern can find it, or a pattern finds it but the step implies params. `step` is
 * the start of the step's text, which must pick exactly one step of the runbook.
 */
export type DemoStepBinding = { runbook: string; step: string; action: string; params?: Record<string, string> };

export type DemoRunbook = {
  file: string;
  services: string[];
  /** demo-fleet fault ("beacon-runner/circuit-open") → key of the runbook whose page fixes it */
  scenarios: Record<string, string>;
  steps: DemoStepBinding[];
};

const bind = (runbook: string, step: string, action: string, params?: Record<string, string>): DemoStepBinding => ({ runbook, step, action, ...(params ? { params } : {}) });

export const DEMO_RUNBOOKS: DemoRunbook[] = [
  {
    file: "beacon-runner-runbook.md",
    services: ["beacon-runner"],
    scenarios: {
      "beacon-runner/runner-down": "runner-down",
      "beacon-runner/circuit-open": "circuit-breaker-management",
      "beacon-runner/high-job-failure-rate": "high-job-failure-rate",
      "beacon-runner/jobs-stuck-in-queue": "jobs-stuck-in-queue",
      "beacon-runner/high-latency": "high-http-latency",
      // The LowNegotiationSuccessRate section only checks things; restarting yagna is in this one.
      "beacon-runner/low-negotiation-success": "golem-network-recovery",
      "beacon-runner/ipfs-down": "ipfs-recovery",
      "beacon-runner/database-errors": "database-recovery",
      "beacon-runner/redis-errors": "redis-recovery",
      "beacon-runner/memory-leak": "high-memory-usage",
    },
    steps: [
      bind("high-job-failure-rate", "Reset circuit breakers if needed", "beacon-runner/reset-circuit-breakers"),
      // what is stuck when jobs fail is the job runner (workers.job_runner in /health/ready)
      bind("high-job-failure-rate", "Restart stuck services", "beacon-runner/restart-service", { service: "job-runner" }),
      bind("jobs-stuck-in-queue", "Restart outbox publisher worker", "beacon-runner/restart-service", { service: "outbox-publisher" }),
      bind("jobs-stuck-in-queue", "Clear stuck Redis queues if safe", "beacon-runner/clear-queue"),
      bind("jobs-stuck-in-queue", "Manually republish critical jobs", "beacon-runner/republish-jobs"),
      bind("high-http-latency", "Scale resources if needed", "beacon-runner/scale-machines"),
      bind("golem-network-recovery", "Restart yagna service", "beacon-runner/restart-service", { service: "yagna" }),
      bind("ipfs-recovery", "Restart IPFS if needed", "beacon-runner/restart-service", { service: "ipfs" }),
      bind("database-recovery", "Restart database connections", "beacon-runner/restart-service", { service: "database-connections" }),
      bind("redis-recovery", "Clear problematic queues", "beacon-runner/clear-queue"),
      bind("redis-recovery", "Restart Redis connections", "beacon-runner/restart-service", { service: "redis-connections" }),
      bind("stuck-job-recovery", "Manually retry or move to dead letter queue", "beacon-runner/republish-jobs"),
      bind("dead-letter-queue-processing", "Requeue recoverable jobs", "beacon-runner/requeue-dead-letters"),
      bind("high-memory-usage", "Restart if necessary", "beacon-runner/restart"),
      bind("high-cpu-usage", "Scale resources if needed", "beacon-runner/scale-machines"),
    ],
  },
  {
    file: "fondation-worker-runbook.md",
    services: ["fondation-worker"],
    scenarios: {
      "fondation-worker/worker-not-processing": "worker-not-processing-jobs",
      "fondation-worker/expired-leases": "jobs-stuck-in-running-state",
      "fondation-worker/memory-leak": "high-memory-usage",
      "fondation-worker/claude-auth-failed": "claude-cli-authentication-failed",
      "fondation-worker/convex-disconnected": "convex-connection-lost",
      "fondation-worker/disk-full": "disk-full",
    },
    steps: [
      // "Clear temp directory" comes first in the block, but the memory is freed by the restart
      bind("high-memory-usage", "Clear temp directory", "fondation-worker/restart"),
      // Docker, temp files and old logs: the action's "all"
      bind("disk-full", "Clean Docker", "fondation-worker/clean-disk", { target: "all" }),
    ],
  },
  {
    file: "beamline-router-recovery.md",
    services: ["beamline-router", "nats"],
    scenarios: {
      "beamline-router/circuit-open": "circuit-breaker-management",
      "beamline-router/jetstream-overflow": "nats-recovery",
      "beamline-router/nats-connection-flapping": "nats-recovery",
      "nats/nats-down": "nats-recovery",
    },
    steps: [
      bind("nats-recovery", "Restart Router nodes one by one", "beamline-router/rolling-restart"),
      bind("nats-recovery", "Scale Up", "beamline-router/scale-replicas"),
      // the action is the whole procedure, so its button sits on the procedure's first step
      bind("clean-state-restart", "Stop Router", "beamline-router/clean-restart"),
    ],
  },
  {
    file: "aitbc-incident-runbooks.md",
    services: ["aitbc-coordinator", "aitbc-postgres", "aitbc-redis"],
    scenarios: {
      "aitbc-coordinator/coordinator-503": "coordinator-api-outage",
      "aitbc-coordinator/resource-starved": "high-cpu-memory-usage",
      "aitbc-postgres/postgres-down": "database-failure",
      "aitbc-postgres/connection-exhaustion": "database-failure",
      "aitbc-postgres/replica-lag": "database-failure",
      "aitbc-postgres/disk-full": "storage-issues",
      "aitbc-redis/redis-down": "redis-failure",
      "aitbc-redis/memory-full": "redis-failure",
    },
    // params as the steps' commands spell them (--replicas=5, interval '1 hour', 100Gi, "*:*")
    steps: [
      bind("coordinator-api-outage", "Scale Up if Resource Starved", "aitbc-coordinator/scale-replicas", { replicas: "5" }),
      bind("high-cpu-memory-usage", "Scale Services", "aitbc-coordinator/scale-replicas", { replicas: "5" }),
      // the query lists what runs for over 5 minutes; the button ends those queries
      bind("database-failure", "Identify Long-running Queries", "aitbc-postgres/terminate-long-queries", { older_than_minutes: "5" }),
      bind("database-failure", "Kill Idle Connections", "aitbc-postgres/kill-idle-connections", { idle_minutes: "60" }),
      bind("storage-issues", "Expand Storage", "aitbc-postgres/expand-storage", { size_gi: "100" }),
      bind("redis-failure", "Clear Expired Keys", "aitbc-redis/clear-keys", { pattern: "*:*" }),
    ],
  },
  {
    file: "agent-node-operational-runbook.md",
    services: ["agent-node"],
    scenarios: {
      "agent-node/high-error-rate": "high-error-rate-alert",
      "agent-node/high-latency": "high-latency-alert",
      "agent-node/memory-leak": "memory-usage-high-alert",
      "agent-node/ai-provider-errors": "ai-provider-errors-alert",
      "agent-node/disk-full": "log-files-growing-too-large",
    },
    steps: [
      bind("high-error-rate-alert", "If specific endpoint", "agent-node/rollback-deployment"),
      bind("high-latency-alert", "Scale horizontally", "agent-node/scale-instances"),
      bind("memory-usage-high-alert", "Restart service if memory leak suspected", "agent-node/restart"),
      // the catalog names Anthropic as the backup of OpenAI, the primary
      bind("ai-provider-errors-alert", "Switch to backup provider", "agent-node/switch-provider", { provider: "anthropic" }),
      bind("ai-provider-timeout", "Switch to alternative provider", "agent-node/switch-provider"),
      bind("log-files-growing-too-large", "Implement log rotation", "agent-node/rotate-logs"),
      bind("optimization-steps", "Scale Horizontally", "agent-node/scale-instances"),
    ],
  },
];
