// Redis for the AITBC coordinator ("Runbook: Redis Failure"), seen through redis_exporter. The
// exporter keeps answering when Redis is down, with redis_up 0.
import { Registry } from "prom-client";
import { HttpError, stringParam } from "../lib/http.mjs";
import { defineService, faultBook } from "../lib/service.mjs";
import { flows, human, jitter, metricsIn, MiB } from "../lib/sim.mjs";

const MAX_MEMORY = 512 * MiB;

export function createAitbcRedis({ rng }) {
  const registry = new Registry();
  const m = metricsIn(registry);
  const g = {
    up: m.gauge("redis_up", "1 when redis answers PING"),
    clients: m.gauge("redis_connected_clients", "Connected clients"),
    used: m.gauge("redis_memory_used_bytes", "used_memory"),
    max: m.gauge("redis_memory_max_bytes", "maxmemory"),
    evicted: m.counter("redis_evicted_keys_total", "Keys evicted because of maxmemory"),
    commands: m.counter("redis_commands_processed_total", "Commands processed"),
    hits: m.counter("redis_keyspace_hits_total", "Successful key lookups"),
    misses: m.counter("redis_keyspace_misses_total", "Failed key lookups"),
    keys: m.gauge("redis_db_keys", "Keys per database", ["db"]),
  };
  const take = flows();
  const state = { up: true, used: 188 * MiB, keys: 41_200 };

  const faults = faultBook({
    "redis-down": {
      title: "Redis down", symptoms: "PING fails, redis_up 0; the coordinator loses its cache and sessions: slower responses, health degraded",
      recovery: { action: "restart" },
      inject: () => { state.up = false; }, clear: () => { state.up = true; },
    },
    "memory-full": {
      title: "Redis memory full (evictions)", symptoms: "used_memory at maxmemory, evicted_keys climbing, hit rate falling",
      recovery: { action: "clear-keys", body: { pattern: "*:*" } },
      inject: () => { state.used = MAX_MEMORY; state.keys += 180_000; },
      active: () => state.up && state.used >= MAX_MEMORY * 0.98,
      clear: () => { state.used = 188 * MiB; state.keys = 41_200; },
    },
  });

  function tick(dt) {
    if (state.up) {
      const full = faults.on("memory-full");
      const ops = take("ops", jitter(rng, 420 * dt));
      const hitRate = full ? 0.55 : 0.93;
      const gets = Math.round(ops * 0.7);
      g.commands.inc(ops);
      g.hits.inc(Math.round(gets * hitRate));
      g.misses.inc(gets - Math.round(gets * hitRate));
      if (full) g.evicted.inc(take("evict", jitter(rng, 150 * dt)));
      else state.used = Math.min(MAX_MEMORY * 0.9, state.used + 2_000 * dt);
    }
    g.up.set(state.up ? 1 : 0);
    g.clients.set(state.up ? Math.round(jitter(rng, 24, 0.1)) : 0);
    g.used.set(state.up ? Math.round(state.used) : 0);
    g.max.set(MAX_MEMORY);
    g.keys.set({ db: "db0" }, state.up ? state.keys : 0);
  }

  function health() {
    if (!state.up) return { status: 503, body: { status: "down", ping: null, error: "Could not connect to Redis at redis:6379: Connection refused" } };
    const full = faults.on("memory-full");
    return {
      status: 200,
      body: {
        status: full ? "degraded" : "ok", ping: "PONG", connected_clients: Math.round(jitter(rng, 24, 0.1)),
        memory: { status: full ? "full" : "ok", used_memory_human: human(state.used), maxmemory_human: human(MAX_MEMORY), maxmemory_policy: "allkeys-lru" },
        keys: state.keys,
      },
    };
  }

  const admin = {
    restart: {
      title: "Restart Redis (kubectl rollout restart deployment/redis)", params: {},
      run: () => {
        const cleared = ["redis-down", "memory-full"].filter((f) => faults.clear(f));
        state.used = 24 * MiB;
        state.keys = 0;
        return { restarted: true, cleared, note: "no persistence configured: the cache starts empty" };
      },
    },
    "clear-keys": {
      title: "Delete keys matching a pattern (redis-cli --scan --pattern … | xargs del)",
      params: { pattern: stringParam("[A-Za-z0-9:*_.-]{1,64}", { default: "*:*" }) },
      run: ({ pattern }) => {
        if (!state.up) throw new HttpError(409, "Redis is not running");
        const share = pattern === "*" ? 1 : pattern === "*:*" ? 0.8 : 0.25;
        const deleted = Math.round(state.keys * share);
        state.keys -= deleted;
        state.used = Math.max(8 * MiB, state.used * (1 - share * 0.9));
        return { pattern, deleted, used_memory_human: human(state.used), memory_full: faults.on("memory-full") };
      },
    },
  };

  tick(0);
  const service = defineService({ slug: "aitbc-redis", name: "AITBC Redis", healthPath: "/health", registry, faults, admin, tick, health });
  return { service, cache: { isUp: () => state.up, full: () => faults.on("memory-full") } };
}
