// SITREP_WORKERS: several app processes behind one port (node:cluster; the primary hands each
// new connection to a worker). Each worker is a full Sitrep instance, exactly like separate
// instances behind a load balancer: they share only the database (one active poller by advisory
// lock, a live feed per process), so nothing here needs to know what they do. The primary only
// forks, restarts a worker that dies unexpectedly, passes shutdown signals on, and answers
// /metrics requests with every worker's metrics aggregated (prom-client's AggregatorRegistry).
import cluster from "node:cluster";
import os from "node:os";
import client from "prom-client";

const METRICS_REQ = "sitrep:metrics-req";
const METRICS_RES = "sitrep:metrics-res";
const RESTART_DELAY_MS = 1_000;

/** How many workers to run: SITREP_WORKERS, else one per core (the embedded database: 1, set by npm start). */
export function workerCount(env = process.env) {
  const raw = (env.SITREP_WORKERS ?? "").trim();
  if (raw === "") return Math.max(1, os.availableParallelism());
  if (raw === "auto") return Math.max(1, os.availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new Error(`SITREP_WORKERS must be a whole number from 1 to 64, or "auto" (got "${raw}")`);
  }
  return n;
}

export const isWorker = () => cluster.isWorker;

/** The primary process: forks `count` workers and keeps them running until told to stop. */
export function runPrimary(count, log) {
  const aggregator = new client.AggregatorRegistry();
  let stopping = false;
  const fork = () => cluster.fork({ SITREP_WORKER_ID: String(Object.keys(cluster.workers ?? {}).length + 1) });
  cluster.on("message", (worker, msg) => {
    if (msg?.type !== METRICS_REQ) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_RES, id: msg.id, text }),
      (e) => worker.send({ type: METRICS_RES, id: msg.id, error: String(e?.message ?? e) }),
    );
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`${why}, stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    // Each worker drains for up to 5 s (scripts/server.mjs); never hang past that.
    setTimeout(() => process.exit(0), 8_000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGHUP", () => stop("SIGHUP"));
  log(`starting ${count} workers (SITREP_WORKERS) on one port`);
  for (let i = 0; i < count; i++) fork();
  return stop;
}

/** In a worker: /metrics (lib/health/metrics.ts) asks the primary for every worker's metrics. */
export function serveClusterMetrics(register) {
  // Constructing one installs prom-client's worker-side listener that answers the primary.
  new client.AggregatorRegistry();
  client.AggregatorRegistry.setRegistries([register]);
  const pending = new Map();
  let next = 0;
  process.on("message", (msg) => {
    if (msg?.type !== METRICS_RES || !pending.has(msg.id)) return;
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) reject(new Error(msg.error));
    else resolve(msg.text);
  });
  globalThis.__sitrepClusterMetrics = () =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      process.send({ type: METRICS_REQ, id });
      setTimeout(() => pending.delete(id) && reject(new Error("the primary did not answer for the workers' metrics")), 5_000).unref();
    });
}
