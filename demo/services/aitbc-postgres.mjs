// PostgreSQL for the AITBC coordinator ("Runbook: Database Failure" and "Storage Issues" in
// aitbc-incident-runbooks.md), seen through postgres_exporter and kubelet volume metrics.
import { Registry } from "prom-client";
import { HttpError, intParam } from "../lib/http.mjs";
import { defineService, faultBook } from "../lib/service.mjs";
import { flows, GiB, jitter, metricsIn } from "../lib/sim.mjs";

const MAX_CONNECTIONS = 100;
const PVC = { persistentvolumeclaim: "postgresql-data", namespace: "default" };

export function createAitbcPostgres({ rng }) {
  const registry = new Registry();
  const m = metricsIn(registry);
  const g = {
    up: m.gauge("pg_up", "Whether the last scrape could connect to PostgreSQL"),
    activity: m.gauge("pg_stat_activity_count", "Connections by state", ["state"]),
    maxConn: m.gauge("pg_settings_max_connections", "max_connections"),
    maxTx: m.gauge("pg_stat_activity_max_tx_duration", "Longest running transaction, seconds", ["state"]),
    lag: m.gauge("pg_replication_lag_seconds", "Replication lag of the replica behind the primary"),
    commits: m.counter("pg_stat_database_xact_commit_total", "Transactions committed", ["datname"]),
    rollbacks: m.counter("pg_stat_database_xact_rollback_total", "Transactions rolled back", ["datname"]),
    size: m.gauge("pg_database_size_bytes", "Database size", ["datname"]),
    volUsed: m.gauge("kubelet_volume_stats_used_bytes", "Used bytes on the volume", ["namespace", "persistentvolumeclaim"]),
    volCap: m.gauge("kubelet_volume_stats_capacity_bytes", "Capacity of the volume", ["namespace", "persistentvolumeclaim"]),
  };
  g.commits.inc({ datname: "aitbc" }, 0);
  g.rollbacks.inc({ datname: "aitbc" }, 0);
  const take = flows();
  const state = { up: true, capacity: 20 * GiB, data: 11.8 * GiB, wal: 1.1 * GiB, leaked: [], longQueries: [], lag: 0.2, primary: "postgresql-0", replica: "postgresql-replica-0" };
  const used = () => state.data + state.wal;
  const connections = () => {
    if (!state.up) return { active: 0, idle: 0 };
    const active = Math.round(jitter(rng, 6, 0.3));
    return { active, idle: Math.min(14 + state.leaked.length, MAX_CONNECTIONS - active - 1) };
  };

  const faults = faultBook({
    "postgres-down": {
      title: "PostgreSQL down", symptoms: "pg_isready: no response; pg_up 0; the coordinator's database connections fail and its health answers 503",
      recovery: { action: "restart" },
      inject: () => { state.up = false; }, clear: () => { state.up = true; },
    },
    "connection-exhaustion": {
      title: "Too many idle connections", symptoms: "pg_stat_activity idle connections pile up to max_connections; \"sorry, too many clients already\"",
      recovery: { action: "kill-idle-connections", body: { idle_minutes: 60 } },
      inject: () => { state.leaked = Array.from({ length: MAX_CONNECTIONS - 16 }, () => Date.now() - 3 * 3_600_000); },
      active: () => state.leaked.length > 0, clear: () => { state.leaked = []; },
    },
    "replica-lag": {
      title: "Replica lag", symptoms: "a long-running query on the replica holds back WAL replay: pg_replication_lag_seconds grows past 30 s",
      recovery: { action: "terminate-long-queries", body: { older_than_minutes: 5 } },
      inject: () => { state.longQueries = [Date.now() - 42 * 60_000]; state.lag = Math.max(state.lag, 45); },
      active: () => state.longQueries.length > 0, clear: () => { state.longQueries = []; },
    },
    "disk-full": {
      title: "Storage full", symptoms: "postgresql-data volume over 95% used: write failures, failed transactions on the coordinator",
      recovery: { action: "expand-storage", body: { size_gi: 50 } },
      inject: () => { state.wal = state.capacity * 0.97 - state.data; },
      active: () => used() / state.capacity >= 0.95, clear: () => { state.wal = 1.1 * GiB; },
    },
  });

  function tick(dt) {
    if (state.up) {
      const full = faults.on("disk-full");
      const tx = take("tx", jitter(rng, 45 * dt));
      g.commits.inc({ datname: "aitbc" }, full ? Math.round(tx * 0.2) : tx);
      g.rollbacks.inc({ datname: "aitbc" }, full ? tx - Math.round(tx * 0.2) : take("rb", 0.2 * dt));
      if (!full) state.data += 40_000 * dt;
    }
    state.lag = state.longQueries.length ? state.lag + dt : Math.max(0.1, jitter(rng, 0.25, 0.5));
    const c = connections();
    g.up.set(state.up ? 1 : 0);
    g.activity.set({ state: "active" }, c.active);
    g.activity.set({ state: "idle" }, c.idle);
    g.activity.set({ state: "idle in transaction" }, state.up ? 1 : 0);
    g.maxConn.set(MAX_CONNECTIONS);
    g.maxTx.set({ state: "active" }, state.up ? jitter(rng, 0.8, 0.5) : 0);
    g.lag.set(Math.round(state.lag * 10) / 10);
    g.size.set({ datname: "aitbc" }, Math.round(state.data));
    g.volUsed.set(PVC, Math.round(used()));
    g.volCap.set(PVC, state.capacity);
  }

  function health() {
    if (!state.up) return { status: 503, body: { status: "no response", error: `${state.primary}:5432 - no response (pg_isready)` } };
    const c = connections();
    const total = c.active + c.idle + 1;
    const pct = Math.round((used() / state.capacity) * 1000) / 10;
    return {
      status: 200,
      body: {
        status: "accepting connections", primary: state.primary,
        connections: { status: total >= MAX_CONNECTIONS - 3 ? "exhausted" : "ok", total, max: MAX_CONNECTIONS, idle: c.idle },
        replica: { name: state.replica, status: state.lag > 30 ? "lagging" : "streaming", lag_seconds: Math.round(state.lag * 10) / 10 },
        storage: { status: pct >= 95 ? "full" : "ok", used_percent: pct, capacity_gi: state.capacity / GiB },
      },
    };
  }

  const admin = {
    restart: {
      title: "Restart PostgreSQL (kubectl rollout restart deployment/postgresql)", params: {},
      run: () => {
        const cleared = ["postgres-down", "connection-exhaustion"].filter((f) => faults.clear(f));
        return { restarted: state.primary, cleared, note: "all client connections were dropped" };
      },
    },
    "failover-to-replica": {
      title: "Fail over: promote the replica (pg_ctl promote)", params: {},
      run: () => {
        [state.primary, state.replica] = [state.replica, state.primary];
        const cleared = ["postgres-down", "connection-exhaustion", "replica-lag"].filter((f) => faults.clear(f));
        state.lag = 0.2;
        return { promoted: state.primary, new_replica: `${state.replica} (rebuilt from the new primary)`, cleared };
      },
    },
    "kill-idle-connections": {
      title: "Kill idle connections (pg_terminate_backend where state = 'idle')",
      params: { idle_minutes: intParam(1, 1440, { default: 60 }) },
      run: ({ idle_minutes: minutes }) => {
        if (!state.up) throw new HttpError(409, "PostgreSQL is not running");
        const cutoff = Date.now() - minutes * 60_000;
        const before = state.leaked.length;
        state.leaked = state.leaked.filter((since) => since > cutoff);
        return { terminated: before - state.leaked.length, idle_left: 14 + state.leaked.length };
      },
    },
    "terminate-long-queries": {
      title: "Terminate long-running queries", params: { older_than_minutes: intParam(1, 240, { default: 5 }) },
      run: ({ older_than_minutes: minutes }) => {
        const cutoff = Date.now() - minutes * 60_000;
        const before = state.longQueries.length;
        state.longQueries = state.longQueries.filter((since) => since > cutoff);
        return { terminated: before - state.longQueries.length, note: "replay catches up: lag falls within seconds" };
      },
    },
    "expand-storage": {
      title: "Expand the postgresql-data volume (kubectl patch pvc)", params: { size_gi: intParam(20, 500) },
      run: ({ size_gi: size }) => {
        if (size * GiB <= state.capacity) throw new HttpError(409, `the volume is already ${state.capacity / GiB}Gi: a PVC can only grow`);
        const previous = state.capacity / GiB;
        state.capacity = size * GiB;
        return { previous_gi: previous, capacity_gi: size, used_percent: Math.round((used() / state.capacity) * 1000) / 10 };
      },
    },
  };

  tick(0);
  const service = defineService({ slug: "aitbc-postgres", name: "AITBC PostgreSQL", healthPath: "/health", registry, faults, admin, tick, health });
  const db = {
    isUp: () => state.up,
    exhausted: () => faults.on("connection-exhaustion"),
    writable: () => state.up && !faults.on("disk-full"),
    lagSeconds: () => state.lag,
  };
  return { service, db };
}
