// An AI agent node (agent-node-operational-runbook.md): an HTTP API that calls AI providers,
// with the metrics its alert rules read (http_request_errors_total, http_request_duration_seconds,
// memory_usage_bytes{type}, ai_request_errors_total, ai_request_duration_seconds).
import { Registry } from "prom-client";
import { defineService } from "../lib/service.mjs";
import { createScaler, createWindow, flows, GiB, jitter, lognormal, metricsIn, MiB, spread } from "../lib/sim.mjs";
import { agentAdmin, agentFaults, PROVIDERS } from "./agent-node-ops.mjs";

const ROUTES = { "POST /api/agents/run": 4, "GET /api/agents": 3, "POST /api/tasks": 2, "GET /health": 1 };
const HEAP_CAP = 512 * MiB; // --max-old-space-size=512
export const LOG_DISK = 20 * GiB;

function agentMetrics(m) {
  const g = {
    requests: m.counter("http_requests_total", "HTTP requests", ["method", "route", "status"]),
    errors: m.counter("http_request_errors_total", "HTTP requests that ended in an error", ["route", "error_type"]),
    duration: m.histogram("http_request_duration_seconds", "HTTP request duration", ["method", "route"], [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10]),
    aiRequests: m.counter("ai_requests_total", "Requests to AI providers", ["provider"]),
    aiErrors: m.counter("ai_request_errors_total", "Failed requests to AI providers", ["provider", "error_type"]),
    aiDuration: m.histogram("ai_request_duration_seconds", "AI provider request duration", ["provider"], [0.25, 0.5, 1, 2, 5, 10, 30]),
    memory: m.gauge("memory_usage_bytes", "Process memory by type", ["type"]),
    heapUsed: m.gauge("nodejs_heap_size_used_bytes", "V8 heap used"),
    heapTotal: m.gauge("nodejs_heap_size_total_bytes", "V8 heap total"),
    cpu: m.counter("process_cpu_seconds_total", "CPU seconds used by all instances"),
    instances: m.gauge("agent_node_instances", "Running instances behind the load balancer"),
    logBytes: m.gauge("agent_node_log_bytes", "Size of /var/log/agent-node"),
    fsAvail: m.gauge("node_filesystem_avail_bytes", "Free bytes", ["mountpoint"]),
    fsSize: m.gauge("node_filesystem_size_bytes", "Filesystem size", ["mountpoint"]),
  };
  const seed = () => {
    for (const r of Object.keys(ROUTES)) {
      const [method, route] = r.split(" ");
      for (const status of ["200", "500", "502"]) g.requests.inc({ method, route, status }, 0);
      g.errors.inc({ route, error_type: "TypeError" }, 0);
      g.duration.zero({ method, route });
    }
    for (const provider of PROVIDERS) {
      for (const error_type of ["rate_limit", "server_error", "timeout"]) g.aiErrors.inc({ provider, error_type }, 0);
      g.aiDuration.zero({ provider });
      g.aiRequests.inc({ provider }, 0);
    }
  };
  seed();
  return { g, seed };
}

export function createAgentNode({ rng }) {
  const registry = new Registry();
  const { g, seed } = agentMetrics(metricsIn(registry));
  const take = flows();
  const window = createWindow(15);
  const state = { startedAt: Date.now(), leaked: 0, heapTotal: 150 * MiB, logs: 2.1 * GiB, version: "2.4.1", previous: "2.4.0", primary: "openai" };
  const instances = createScaler(2, { min: 1, max: 10 });
  const model = { state, g, registry, seed, window, instances };
  const faults = agentFaults(model);
  model.faults = faults;

  function callProvider(provider, counts) {
    const failing = faults.on("ai-provider-errors") && faults.params("ai-provider-errors").provider === provider;
    g.aiRequests.inc({ provider });
    counts[`${provider}:calls`] = (counts[`${provider}:calls`] ?? 0) + 1;
    const slow = failing && rng() < 0.3;
    g.aiDuration.observe({ provider }, slow ? 30 : lognormal(rng, provider === "openai" ? 0.38 : 0.52, 0.45));
    if (!failing || rng() > 0.35) return true;
    g.aiErrors.inc({ provider, error_type: slow ? "timeout" : rng() < 0.6 ? "rate_limit" : "server_error" });
    counts[`${provider}:errors`] = (counts[`${provider}:errors`] ?? 0) + 1;
    return false;
  }

  function tick(dt) {
    const counts = { requests: 0, errors: 0 };
    const slow = faults.on("high-latency");
    const badDeploy = faults.on("high-error-rate");
    for (const [r, n] of Object.entries(spread(rng, take("http", jitter(rng, 18 * dt)), ROUTES))) {
      const [method, route] = r.split(" ");
      for (let i = 0; i < n; i++) {
        const ai = route === "/api/agents/run" || route === "/api/tasks";
        const provider = rng() < 0.9 ? state.primary : PROVIDERS.find((p) => p !== state.primary);
        let status = ai && !callProvider(provider, counts) ? "502" : "200";
        if (badDeploy && route === "/api/agents/run" && rng() < 0.3) {
          status = "500";
          g.errors.inc({ route, error_type: "TypeError" });
        } else if (status === "502") g.errors.inc({ route, error_type: "AIProviderError" });
        counts.requests += 1;
        if (status !== "200") counts.errors += 1;
        g.requests.inc({ method, route, status });
        const base = ai ? 0.45 : 0.04;
        g.duration.observe({ method, route }, lognormal(rng, slow ? base * 3 + 1.2 : base, 0.5));
      }
    }
    window.push(counts);
    if (faults.on("memory-leak")) state.leaked += 16 * MiB * dt;
    if (faults.on("disk-full")) state.logs = Math.min(LOG_DISK * 0.985, state.logs + 200 * MiB * dt);
    const used = Math.min(HEAP_CAP * 0.995, jitter(rng, 96 * MiB, 0.04) + state.leaked);
    state.heapTotal = Math.min(HEAP_CAP, Math.max(150 * MiB, used / 0.7));
    const mem = { heap_used: Math.round(used), heap_total: Math.round(state.heapTotal), rss: Math.round(state.heapTotal + 70 * MiB), external: Math.round(jitter(rng, 6 * MiB, 0.1)) };
    for (const [type, v] of Object.entries(mem)) g.memory.set({ type }, v);
    g.heapUsed.set(mem.heap_used);
    g.heapTotal.set(mem.heap_total);
    g.cpu.inc(jitter(rng, (slow ? 0.95 : 0.3) * instances.current * dt, 0.05));
    g.instances.set(instances.current);
    g.logBytes.set(Math.round(state.logs));
    g.fsSize.set({ mountpoint: "/var/log" }, LOG_DISK);
    g.fsAvail.set({ mountpoint: "/var/log" }, Math.round(LOG_DISK - state.logs - 1.2 * GiB));
    state.heap = mem;
  }

  function health(now = Date.now()) {
    const mem = state.heap;
    const heapRatio = mem.heap_used / mem.heap_total;
    const errorRate = window.ratio("errors", "requests");
    const free = (LOG_DISK - state.logs - 1.2 * GiB) / LOG_DISK;
    const checks = {
      memory: { status: heapRatio > 0.9 ? "high" : "ok", heap_used: mem.heap_used, heap_total: mem.heap_total, heap_ratio: Math.round(heapRatio * 1000) / 1000 },
      errors: { status: errorRate > 0.05 ? "high" : "ok", error_rate: Math.round(errorRate * 1000) / 1000, window_ticks: 15 },
      ai_providers: PROVIDERS.map((provider) => {
        const rate = window.ratio(`${provider}:errors`, `${provider}:calls`);
        return { provider, primary: provider === state.primary, status: rate > 0.1 ? "failing" : "ok", error_rate: Math.round(rate * 1000) / 1000 };
      }),
      disk: { status: free < 0.05 ? "full" : "ok", mountpoint: "/var/log", free_ratio: Math.round(free * 1000) / 1000 },
    };
    const failing = checks.memory.status !== "ok" || checks.errors.status !== "ok" || checks.disk.status !== "ok" || checks.ai_providers.some((p) => p.status !== "ok");
    return { status: 200, body: { status: failing ? "degraded" : "healthy", version: state.version, instances: instances.current, uptime_seconds: Math.round((now - state.startedAt) / 1000), checks } };
  }

  tick(0);
  model.tick = tick;
  return defineService({
    slug: "agent-node", name: "Agent Node", healthPath: "/health", registry, faults, admin: agentAdmin(model), tick, health,
    reset: () => { state.primary = "openai"; instances.reset(); },
  });
}
