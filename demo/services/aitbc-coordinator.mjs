// The AITBC coordinator API on Kubernetes ("Coordinator API Outage" and "High CPU/Memory Usage"
// in aitbc-incident-runbooks.md). It needs PostgreSQL (down → it answers 503) and Redis (down →
// it degrades: no cache, slower responses), so Sitrep can show it impacted by them.
import { Registry } from "prom-client";
import { HttpError, intParam } from "../lib/http.mjs";
import { defineService, faultBook } from "../lib/service.mjs";
import { createScaler, flows, GiB, jitter, lognormal, metricsIn, MiB, spread } from "../lib/sim.mjs";

const HANDLERS = { "GET /v1/jobs": 8, "POST /v1/jobs": 3, "GET /v1/marketplace/offers": 6, "GET /v1/health": 2 };
const DEPLOY = { deployment: "coordinator", namespace: "default" };
const MEMORY_LIMIT = 2 * GiB;

export function createAitbcCoordinator({ rng, db, cache }) {
  const registry = new Registry();
  const m = metricsIn(registry);
  const g = {
    requests: m.counter("http_requests_total", "HTTP requests by handler, method and status", ["handler", "method", "status"]),
    duration: m.histogram("http_request_duration_seconds", "HTTP request latency", ["handler", "method"], [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10]),
    submitted: m.counter("coordinator_jobs_submitted_total", "Jobs accepted"),
    dbErrors: m.counter("coordinator_db_errors_total", "Database errors", ["error"]),
    cache: m.counter("coordinator_cache_requests_total", "Cache lookups by result", ["result"]),
    poolInUse: m.gauge("coordinator_db_pool_in_use", "Database pool connections in use"),
    poolSize: m.gauge("coordinator_db_pool_size", "Database pool size"),
    available: m.gauge("kube_deployment_status_replicas_available", "Available replicas", ["deployment", "namespace"]),
    desired: m.gauge("kube_deployment_spec_replicas", "Desired replicas", ["deployment", "namespace"]),
    restarts: m.counter("kube_pod_container_status_restarts_total", "Container restarts", ["deployment", "namespace"]),
    cpu: m.counter("process_cpu_seconds_total", "CPU seconds used by all coordinator pods"),
    memory: m.gauge("container_memory_working_set_bytes", "Working set of one coordinator pod"),
    memoryLimit: m.gauge("container_spec_memory_limit_bytes", "Memory limit of one coordinator pod"),
  };
  for (const [h] of Object.entries(HANDLERS)) for (const status of ["200", "500", "503"]) g.requests.inc({ handler: h.split(" ")[1], method: h.split(" ")[0], status }, 0);
  for (const error of ["connection_refused", "too_many_clients", "disk_full"]) g.dbErrors.inc({ error }, 0);
  for (const result of ["hit", "miss", "error"]) g.cache.inc({ result }, 0);
  g.restarts.inc(DEPLOY, 0);
  const take = flows();
  const replicas = createScaler(3, { min: 1, max: 10 });
  const state = { revision: 14, version: "v1.8.2", previous: "v1.8.1" };

  const faults = faultBook({
    "coordinator-503": {
      title: "Coordinator API outage (pods crashlooping)", symptoms: "503 on every endpoint including /v1/health; job submission fails; 0 available replicas; restarts climbing",
      recovery: { action: "rollout-restart" },
    },
    "resource-starved": {
      title: "High CPU/memory usage", symptoms: "CPU saturated, working set near the limit, OOM kills, p95 latency over 2 s; health degraded",
      recovery: { action: "scale-replicas", body: { replicas: 5 } },
    },
  });

  function dbCall() {
    if (!db.isUp()) return "connection_refused";
    if (db.exhausted() && rng() < 0.35) return "too_many_clients";
    return null;
  }

  function tick(dt) {
    const down = faults.on("coordinator-503");
    const starved = faults.on("resource-starved");
    g.desired.set(DEPLOY, replicas.current);
    g.available.set(DEPLOY, down ? 0 : replicas.current);
    if (down) g.restarts.inc(DEPLOY, take("crash", 0.2 * replicas.current * dt));
    if (starved) g.restarts.inc(DEPLOY, take("oom", 0.05 * dt));
    const byHandler = spread(rng, take("http", jitter(rng, 30 * dt)), HANDLERS);
    let inUse = 0;
    for (const [h, n] of Object.entries(byHandler)) {
      const [method, handler] = h.split(" ");
      for (let i = 0; i < n; i++) {
        let status = "200";
        let latency = lognormal(rng, starved ? 1.6 : 0.045, starved ? 0.5 : 0.55);
        if (down) status = "503";
        else if (handler !== "/v1/health") {
          const cached = method === "GET" && cache.isUp() && rng() < (cache.full() ? 0.5 : 0.85);
          g.cache.inc({ result: !cache.isUp() ? "error" : cached ? "hit" : "miss" });
          if (!cache.isUp()) latency *= 3;
          const err = cached ? null : dbCall() ?? (method === "POST" && !db.writable() ? "disk_full" : null);
          if (err) {
            g.dbErrors.inc({ error: err });
            status = err === "connection_refused" ? "503" : "500";
          } else if (!cached) inUse += 1;
          if (!err && method === "POST") g.submitted.inc();
        } else if (!db.isUp()) status = "503";
        g.requests.inc({ handler, method, status });
        g.duration.observe({ handler, method }, down ? 0.002 : latency);
      }
    }
    g.poolSize.set(20);
    // Little's law: connections busy ≈ queries per second × query time; a starved database holds them all.
    const busy = db.exhausted() ? 20 : Math.round(jitter(rng, 2 + (inUse / Math.max(dt, 0.001)) * 0.06, 0.2));
    g.poolInUse.set(db.isUp() ? Math.min(20, busy) : 0);
    const load = starved ? 0.97 : 0.35;
    g.cpu.inc(jitter(rng, load * replicas.current * dt, 0.05));
    g.memory.set(down ? 0 : Math.round(jitter(rng, starved ? 1.93 * GiB : 610 * MiB, 0.03)));
    g.memoryLimit.set(MEMORY_LIMIT);
  }

  function health() {
    if (faults.on("coordinator-503")) return { status: 503, body: { status: "unavailable", error: "no ready coordinator pods (CrashLoopBackOff)" } };
    const starved = faults.on("resource-starved");
    const database = { status: !db.isUp() ? "unreachable" : db.exhausted() ? "degraded" : !db.writable() ? "read-only" : "ok", pool_size: 20, replica_lag_seconds: Math.round(db.lagSeconds() * 10) / 10 };
    const redis = { status: cache.isUp() ? "ok" : "unreachable" };
    const body = {
      version: state.version, revision: state.revision,
      replicas: { desired: replicas.current, ready: replicas.current },
      database, redis,
      resources: { status: starved ? "saturated" : "ok", cpu_utilization: starved ? 0.97 : 0.35, memory_utilization: starved ? 0.96 : 0.3 },
    };
    if (database.status === "unreachable") return { status: 503, body: { status: "unavailable", error: "database unreachable: connection refused (postgresql:5432)", ...body } };
    const degraded = database.status !== "ok" || redis.status !== "ok" || starved;
    return { status: 200, body: { status: degraded ? "degraded" : "ok", ...body } };
  }

  const admin = {
    "rollout-restart": {
      title: "Restart the deployment (kubectl rollout restart deployment/coordinator)", params: {},
      run: () => ({ restarted: `${replicas.current} pod(s)`, cleared: faults.clear("coordinator-503") ? ["coordinator-503"] : [] }),
    },
    "scale-replicas": {
      title: "Scale the deployment (kubectl scale --replicas)", params: { replicas: intParam(replicas.min, replicas.max) },
      run: ({ replicas: n }) => {
        const r = replicas.scale(n);
        const relieved = n >= 5 && faults.clear("resource-starved");
        return { ...r, resource_pressure_relieved: relieved };
      },
    },
    "restore-replicas": {
      title: "Scale back to the replica count before the last scale", params: {},
      run: () => {
        const r = replicas.restore();
        if (!r) throw new HttpError(409, "nothing to restore: no scale since the last restore");
        return r;
      },
    },
    "delete-stuck-pods": {
      title: "Force-delete coordinator pods (--force --grace-period=0)", params: {},
      run: () => ({ deleted: Array.from({ length: replicas.current }, (_, i) => `coordinator-7c9f${i}`), recreated: true, cleared: faults.clear("coordinator-503") ? ["coordinator-503"] : [] }),
    },
    "rollback-deployment": {
      title: "Roll back to the previous revision (kubectl rollout undo)", params: {},
      run: () => {
        [state.version, state.previous] = [state.previous, state.version];
        state.revision += 1;
        return { version: state.version, revision: state.revision, cleared: faults.clear("coordinator-503") ? ["coordinator-503"] : [] };
      },
    },
  };

  tick(0);
  return defineService({
    slug: "aitbc-coordinator", name: "AITBC Coordinator API", healthPath: "/v1/health", registry, faults, admin, tick, health,
    reset: () => replicas.reset(),
  });
}
