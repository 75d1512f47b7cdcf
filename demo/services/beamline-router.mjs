// Beamline Router (beamline-router-recovery.md): routes decide requests from NATS JetStream to AI
// providers, with one circuit breaker per tenant and provider. Depends on NATS: when NATS is
// down the router loses its connection and fails its health, so Sitrep shows it as impacted.
import { Registry } from "prom-client";
import { Breaker } from "../lib/breaker.mjs";
import { enumParam, HttpError, intParam } from "../lib/http.mjs";
import { defineService, faultBook } from "../lib/service.mjs";
import { createScaler, flows, jitter, lognormal, lognormalP95, metricsIn, spread } from "../lib/sim.mjs";
import { routerMetrics } from "./beamline-router-metrics.mjs";
import { STREAMS } from "./nats.mjs";

const TENANTS = { acme: 6, globex: 4 };
const PROVIDERS = { openai: { weight: 5, median: 450 }, anthropic: { weight: 3, median: 620 }, mistral: { weight: 2, median: 380 } };
const PER_REPLICA = 25; // decide messages per second one router node processes

export function createBeamlineRouter({ rng, bus }) {
  const registry = new Registry();
  const g = routerMetrics(metricsIn(registry), Object.keys(TENANTS), Object.keys(PROVIDERS));
  const take = flows();
  const replicas = createScaler(3, { min: 1, max: 12 });
  const breakers = new Map();
  for (const t of Object.keys(TENANTS)) for (const p of Object.keys(PROVIDERS)) {
    breakers.set(`${t}/${p}`, Object.assign(new Breaker(`${t}/${p}`, { maxFailures: 5, timeoutMs: 60_000, halfOpen: "half_open" }), { tenant: t, provider: p }));
  }
  const state = { connected: true, flapping: false, surge: false, node: "router-1" };
  const pick = (tenant, provider) => [...breakers.values()].filter((b) => (tenant === "all" || b.tenant === tenant) && (provider === "all" || b.provider === provider));

  const target = { tenant: enumParam(Object.keys(TENANTS), { default: "acme" }), provider: enumParam(Object.keys(PROVIDERS), { default: "openai" }) };
  const faults = faultBook({
    "circuit-open": {
      title: "Circuit breaker open for a tenant/provider",
      symptoms: "router_circuit_breaker_state 1.0 (open); requests fail fast with circuit_open (503) although the provider has recovered",
      params: target,
      // the breaker that was opened; all of them when several are held open
      recovery: { action: "reset-circuit-breakers", body: (p) => ([...breakers.values()].filter((b) => b.held).length > 1 ? { tenant: "all", provider: "all" } : { tenant: p.tenant, provider: p.provider }) },
      inject: (p) => breakers.get(`${p.tenant}/${p.provider}`).open(Date.now(), { hold: true }),
      active: () => [...breakers.values()].some((b) => b.held),
      clear: () => pick("all", "all").filter((b) => b.held).forEach((b) => b.close()),
    },
    "jetstream-overflow": {
      title: "JetStream queue overflow",
      symptoms: "router_decide_consumer pending_messages keeps growing: the gateway ignores backpressure and poison messages are redelivered",
      recovery: { action: "purge-stream", body: { stream: "DECIDE" } },
      inject: () => { state.surge = true; bus.publish("DECIDE", 5000); },
      clear: () => { state.surge = false; },
    },
    "nats-connection-flapping": {
      title: "Router-NATS connection flapping",
      symptoms: "NATS_CONNECTION_LOST / reconnect loops in the router log; router_nats_reconnects_total climbing; health degraded",
      recovery: { action: "rolling-restart" },
      inject: () => { state.flapping = true; },
      clear: () => { state.flapping = false; },
    },
  });

  function connection() {
    if (!bus.isUp()) {
      if (state.connected) g.natsErrors.inc({ error: "connection_lost" });
      g.natsErrors.inc({ error: "connection_refused" });
      state.connected = false;
      return "disconnected";
    }
    if (state.flapping) {
      state.connected = rng() < 0.5;
      g.reconnects.inc();
      g.natsErrors.inc({ error: "connection_lost" });
      return "reconnecting";
    }
    if (!state.connected) g.reconnects.inc();
    state.connected = true;
    return "connected";
  }

  function route(dt, now) {
    const n = take("decide", jitter(rng, 40 * dt));
    const byTenant = spread(rng, n, TENANTS);
    for (const [tenant, count] of Object.entries(byTenant)) {
      const byProvider = spread(rng, count, Object.fromEntries(Object.entries(PROVIDERS).map(([p, v]) => [p, v.weight])));
      for (const [provider, k] of Object.entries(byProvider)) {
        const b = breakers.get(`${tenant}/${provider}`);
        for (let i = 0; i < k; i++) {
          const outcome = b.call(rng() >= 0.01, now);
          const result = outcome === "rejected" ? "circuit_open" : outcome === "failed" ? "error" : "ok";
          g.requests.inc({ tenant_id: tenant, provider_id: provider, result });
          if (outcome === "rejected") continue;
          g.latency.observe({ provider_id: provider }, lognormal(rng, PROVIDERS[provider].median, 0.45));
          if (outcome === "failed") g.providerErrors.inc({ provider_id: provider, error_type: rng() < 0.5 ? "timeout" : "http_5xx" });
        }
      }
    }
  }

  function tick(dt, now = Date.now()) {
    const conn = connection();
    state.conn = conn;
    bus.setClients(state.connected ? replicas.current * 2 + 6 : 6);
    if (state.connected) {
      bus.publish("DECIDE", take("in", jitter(rng, (state.surge ? 190 : 40) * dt)));
      bus.publish("RESULTS", take("res", jitter(rng, 38 * dt)));
      const got = bus.consume("DECIDE", take("cap", replicas.current * PER_REPLICA * dt));
      bus.consume("RESULTS", take("rescap", replicas.current * PER_REPLICA * dt));
      g.processed.inc({ consumer: STREAMS.DECIDE.consumer }, got);
      route(dt, now);
    }
    g.natsStatus.set(state.connected ? 1 : 0);
    g.replicas.set(replicas.current);
    for (const [name, def] of Object.entries(STREAMS)) g.pending.set({ stream: name, consumer: def.consumer }, bus.stream(name).pending);
    for (const b of breakers.values()) {
      g.breaker.set({ tenant_id: b.tenant, provider_id: b.provider }, b.code);
      g.transitions.inc({ tenant_id: b.tenant, provider_id: b.provider }, b.transitions - (b.counted ?? 0));
      b.counted = b.transitions;
    }
    for (const [p, v] of Object.entries(PROVIDERS)) g.p95.set({ provider_id: p }, Math.round(jitter(rng, lognormalP95(v.median, 0.45), 0.05)));
  }

  function health() {
    const consumers = Object.entries(STREAMS).map(([stream, def]) => {
      const pending = bus.stream(stream).pending;
      return { name: def.consumer, stream, pending_messages: pending, status: pending > 1000 ? "backlogged" : "ok" };
    });
    const circuit = [...breakers.values()].map((b) => ({
      name: b.name, tenant_id: b.tenant, provider_id: b.provider, state: b.stateName, failure_count: b.failures,
      opened_at: b.openedAt && b.state !== "closed" ? new Date(b.openedAt).toISOString() : null,
    }));
    const conn = bus.isUp() ? (state.conn ?? "connected") : "disconnected";
    const nats = { status: conn, server: "nats://nats:4222", jetstream: conn !== "disconnected" };
    if (conn === "disconnected") return { status: 503, body: { status: "error", error: "NATS_CONNECTION_LOST: no connection to nats://nats:4222", node: state.node, nats, jetstream: { consumers }, circuit_breakers: circuit } };
    const degraded = conn !== "connected" || consumers.some((c) => c.status !== "ok") || circuit.some((c) => c.state !== "closed");
    return { status: 200, body: { status: degraded ? "degraded" : "ok", node: state.node, replicas: replicas.current, nats, jetstream: { consumers }, circuit_breakers: circuit } };
  }

  const scope = { tenant: enumParam(["all", ...Object.keys(TENANTS)], { default: "all" }), provider: enumParam(["all", ...Object.keys(PROVIDERS)], { default: "all" }) };
  const admin = {
    "reset-circuit-breakers": {
      title: "Force recovery: close circuit breakers (router_circuit_breaker:force_recovery)",
      params: scope,
      run: ({ tenant, provider }) => ({ reset: pick(tenant, provider).map((b) => ({ name: b.name, was: b.close() })) }),
    },
    "force-half-open": {
      title: "Force a circuit breaker to half-open (test recovery)",
      params: { tenant: enumParam(Object.keys(TENANTS)), provider: enumParam(Object.keys(PROVIDERS)) },
      run: ({ tenant, provider }) => {
        const b = breakers.get(`${tenant}/${provider}`);
        const was = b.stateName;
        b.halfOpen();
        return { breaker: b.name, was, now: b.stateName, note: "probe requests decide: successes close it, a failure reopens it" };
      },
    },
    "purge-stream": {
      title: "Purge a JetStream stream (nats stream purge; data loss)",
      params: { stream: enumParam(Object.keys(STREAMS), { default: "DECIDE" }) },
      run: ({ stream }) => {
        const purged = bus.purge(stream);
        if (stream === "DECIDE") faults.clear("jetstream-overflow");
        return { stream, purged };
      },
    },
    "scale-replicas": {
      title: "Scale router nodes",
      params: { replicas: intParam(replicas.min, replicas.max) },
      run: ({ replicas: n }) => ({ ...replicas.scale(n), capacity_per_second: n * PER_REPLICA }),
    },
    "restore-replicas": {
      title: "Restore the router node count from before the last scale",
      params: {},
      run: () => {
        const r = replicas.restore();
        if (!r) throw new HttpError(409, "nothing to restore: no scale since the last restore");
        return r;
      },
    },
    "rolling-restart": {
      title: "Restart router nodes one by one to refresh NATS connections",
      params: {},
      run: () => {
        faults.clear("nats-connection-flapping");
        if (bus.isUp()) state.connected = true;
        return { restarted: Array.from({ length: replicas.current }, (_, i) => `router-${i + 1}`), nats: bus.isUp() ? "connected" : "NATS is down: nodes will reconnect when it is back" };
      },
    },
    "clean-restart": {
      title: "Clean state restart: stop router, restart NATS, optionally clear JetStream data, start router",
      params: { clear_jetstream: enumParam(["no", "yes"], { default: "no" }) },
      run: ({ clear_jetstream: clear }) => {
        const steps = ["router stopped", "nats stopped"];
        bus.restart();
        steps.push("nats started");
        if (clear === "yes") {
          for (const name of Object.keys(STREAMS)) steps.push(`${name}: ${bus.purge(name)} messages cleared`);
          faults.clear("jetstream-overflow");
        }
        for (const b of breakers.values()) b.close();
        faults.clear("nats-connection-flapping");
        state.connected = true;
        steps.push("streams initialised", "router started", "ports 9000 and 9001 listening");
        return { steps };
      },
    },
  };

  return defineService({
    slug: "beamline-router", name: "Beamline Router", healthPath: "/health", registry, faults, admin, tick, health,
    reset: () => {
      replicas.reset();
      for (const b of breakers.values()) b.close();
    },
  });
}
