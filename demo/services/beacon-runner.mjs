// Project Beacon's job runner (beacon-runner-runbook.md): jobs go through an outbox into Redis
// queues, run on Golem (yagna) with bundles on IPFS, and every dependency has a circuit breaker
// shown in /health/ready as services[].circuit_breaker_stats, as runner-app/internal/health does.
import { Registry } from "prom-client";
import { Breaker } from "../lib/breaker.mjs";
import { defineService } from "../lib/service.mjs";
import { createScaler, failures, flows, jitter, lognormal, metricsIn, MiB, spread } from "../lib/sim.mjs";
import { beaconAdmin, beaconFaults } from "./beacon-runner-ops.mjs";
import { beaconMetrics, DEPENDENCIES, REGIONS, ROUTES } from "./beacon-runner-metrics.mjs";

// Per dependency, the breaker settings runner-app registers (MaxFailures, Timeout).
const BREAKERS = { database: [3, 10_000], redis: [3, 15_000], yagna: [5, 30_000], ipfs: [4, 20_000] };
const CRITICAL = ["database", "redis"];
const PUBLISH_EVERY_MS = 1000; // the outbox publisher's poll interval

export function createBeaconRunner({ rng }) {
  const registry = new Registry();
  const { g, seed } = beaconMetrics(metricsIn(registry));
  const take = flows();
  const machines = createScaler(2, { min: 1, max: 10 });
  const breakers = Object.fromEntries(Object.entries(BREAKERS).map(([name, [maxFailures, timeoutMs]]) => [name, new Breaker(name, { maxFailures, timeoutMs })]));
  const state = { startedAt: Date.now(), leaked: 0, leakedRoutines: 0, queues: { jobs: 0, retry: 0, "dead-letter": 6 }, outbox: { unpublished: 0, oldestAt: null, lastPublish: 0 } };
  const model = { state, breakers, machines, g, registry, seed };
  const faults = beaconFaults(model);
  model.faults = faults;
  const DEP_FAULTS = { database: "database-errors", redis: "redis-errors", ipfs: "ipfs-down" };
  const failing = (dep) => Boolean(DEP_FAULTS[dep]) && faults.on(DEP_FAULTS[dep]);
  const call = (dep, now) => breakers[dep].call(!failing(dep) && rng() > 0.002, now);

  function publishOutbox(now, limit = Infinity) {
    if (call("redis", now) !== "ok") {
      g.outboxErrors.inc();
      return 0;
    }
    const n = Math.min(state.outbox.unpublished, limit);
    state.outbox.unpublished -= n;
    state.queues.jobs += n;
    g.outboxPublished.inc(n);
    if (state.outbox.unpublished === 0) state.outbox.oldestAt = null;
    return n;
  }
  model.publishOutbox = publishOutbox;

  function runJobs(dt, now) {
    if (call("redis", now) !== "ok") return; // cannot pop the queue: processing stops
    const slowdown = faults.on("high-latency") ? 0.4 : 1;
    const n = Math.min(state.queues.jobs, take("work", machines.current * 4 * slowdown * dt));
    state.queues.jobs -= n;
    const retry = take("retry", state.queues.retry * 0.5 * dt);
    state.queues.retry -= retry;
    state.queues.jobs += retry;
    g.retried.inc(retry);
    for (let i = 0; i < n; i++) {
      const region = REGIONS[Math.floor(rng() * REGIONS.length)];
      g.queueLatency.observe({ region }, lognormal(rng, 0.4, 0.6));
      const golem = call("yagna", now);
      const ipfs = golem === "ok" ? call("ipfs", now) : "skipped";
      const stuck = faults.on("high-job-failure-rate") && rng() < 0.35;
      const why = golem === "rejected" ? ["circuit_open", "golem"] : golem === "failed" || rng() < 0.015 ? ["provider_error", "golem"]
        : ipfs !== "ok" ? ["bundle_upload", "ipfs"] : stuck ? ["execution_timeout", "executor"] : null;
      g.execDuration.observe({ region, status: why ? "failed" : "completed" }, why?.[0] === "circuit_open" ? 0.01 : lognormal(rng, stuck ? 120 : 14, 0.5));
      if (!why) {
        g.processed.inc();
        continue;
      }
      g.failed.inc();
      g.runnerFailures.inc({ region, error_type: why[0], component: why[1] });
      if (rng() < 0.8) state.queues.retry += 1;
      else {
        state.queues["dead-letter"] += 1;
        g.deadletter.inc();
      }
    }
  }

  function negotiate(dt) {
    const golemBad = faults.on("low-negotiation-success");
    for (const region of REGIONS) {
      g.offersSeen.inc({ region }, take(`offers:${region}`, (golemBad ? 0.15 : 2.2) * dt));
      const probes = take(`probes:${region}`, 1.5 * dt);
      const bad = failures(rng, probes, golemBad ? 0.7 : 0.06);
      g.probesPassed.inc({ region }, probes - bad);
      g.probesFailed.inc({ region }, bad);
      for (let i = 0; i < probes; i++) g.negotiation.observe({ region, outcome: i < bad ? "failed" : "success" }, lognormal(rng, golemBad ? 8 : 1.2, 0.5));
    }
  }

  function serveHttp(dt, now) {
    const byRoute = spread(rng, take("http", jitter(rng, 25 * dt)), ROUTES);
    const slow = faults.on("high-latency");
    for (const [route, n] of Object.entries(byRoute)) {
      const [method, path] = route.split(" ");
      for (let i = 0; i < n; i++) {
        const dbDown = path.startsWith("/api") && call("database", now) !== "ok";
        g.httpRequests.inc({ path, method, status: dbDown ? "503" : rng() < 0.004 ? "500" : "200" });
        g.httpDuration.observe({ path, method }, slow ? lognormal(rng, 1.9, 0.5) : lognormal(rng, 0.035, 0.6));
      }
    }
  }

  function tick(dt, now = Date.now()) {
    if (faults.on("runner-down")) return;
    for (const dep of DEPENDENCIES) for (let i = take(`ping:${dep}`, 0.5 * dt); i > 0; i--) call(dep, now);
    const enq = take("enqueue", jitter(rng, 5 * dt));
    if (call("database", now) === "ok" && enq) {
      g.enqueued.inc(enq);
      state.outbox.unpublished += enq;
      state.outbox.oldestAt ??= now;
    }
    if (!faults.on("jobs-stuck-in-queue") && now - state.outbox.lastPublish >= PUBLISH_EVERY_MS) {
      state.outbox.lastPublish = now;
      publishOutbox(now);
    }
    runJobs(dt, now);
    negotiate(dt);
    serveHttp(dt, now);
    if (faults.on("memory-leak")) {
      state.leaked += 24 * MiB * dt;
      state.leakedRoutines += 30 * dt;
    }
    const heap = jitter(rng, 62 * MiB, 0.05) + state.leaked;
    g.heapAlloc.set(Math.round(heap));
    g.heapSys.set(Math.round(heap * 1.35));
    g.goroutines.set(Math.round(jitter(rng, 46, 0.05) + state.leakedRoutines));
    g.gcPause.set(jitter(rng, 0.0004 + heap / (4096 * MiB) * 0.01, 0.2));
    g.outboxUnpublished.set(state.outbox.unpublished);
    g.outboxAge.set(state.outbox.oldestAt ? (now - state.outbox.oldestAt) / 1000 : 0);
    for (const [name, b] of Object.entries(breakers)) g.breaker.set({ service: name }, b.code);
    for (const [queue, depth] of Object.entries(state.queues)) g.queueDepth.set({ queue }, depth);
    g.machines.set(machines.current);
  }

  function dependency(name, now) {
    const down = failing(name);
    const noOffers = name === "yagna" && faults.on("low-negotiation-success");
    const details = { database: { open_connections: 12, in_use: 3, idle: 9, wait_count: 0 }, redis: { ping_response: "PONG" }, yagna: { status_code: 200 }, ipfs: { status_code: 200 } }[name];
    return {
      name,
      status: down ? "unhealthy" : noOffers ? "degraded" : "healthy",
      last_check: new Date(now).toISOString(),
      response_time_ms: Math.round(jitter(rng, name === "yagna" ? 38 : 6, 0.3)),
      ...(down ? { error: `${name}: connection refused` } : noOffers ? { error: "no offers from providers in the last 60s" } : {}),
      circuit_breaker_stats: breakers[name].stats(),
      details: down ? undefined : details,
    };
  }

  function health(now = Date.now()) {
    if (faults.on("runner-down")) return { status: 503, body: { status: "unhealthy", error: "beacon-runner-production: no machines in started state" } };
    const services = DEPENDENCIES.map((d) => dependency(d, now));
    const unhealthy = services.filter((s) => s.status === "unhealthy");
    const status = unhealthy.some((s) => CRITICAL.includes(s.name)) ? "unhealthy" : unhealthy.length || services.some((s) => s.status === "degraded") ? "degraded" : "healthy";
    const body = {
      status, timestamp: new Date(now).toISOString(),
      ...(status === "unhealthy" ? { error: unhealthy.map((s) => s.error).join("; ") } : {}),
      services,
      workers: { job_runner: faults.on("high-job-failure-rate") ? "stuck" : "running", outbox_publisher: faults.on("jobs-stuck-in-queue") ? "stalled" : "running" },
      outbox: { unpublished_count: state.outbox.unpublished, oldest_unpublished_age_seconds: state.outbox.oldestAt ? Math.round((now - state.outbox.oldestAt) / 1000) : 0 },
      queues: { ...state.queues },
      machines: machines.current,
      uptime_seconds: Math.round((now - state.startedAt) / 1000),
    };
    return { status: status === "unhealthy" ? 503 : 200, body };
  }

  model.tick = tick;
  return defineService({
    slug: "beacon-runner", name: "Beacon Runner", healthPath: "/health/ready", registry, faults, admin: beaconAdmin(model), tick, health,
    metricsUp: () => !faults.on("runner-down"),
    reset: () => {
      machines.reset();
      for (const b of Object.values(breakers)) b.close();
    },
  });
}
