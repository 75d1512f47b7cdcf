// Fondation worker (fondation-worker-runbook.md): claims repository-analysis jobs from Convex
// under a lease it renews with a heartbeat, clones repos into /tmp/fondation and runs the
// Claude CLI on them. Its faults are the runbook's "Common incidents".
import { Registry } from "prom-client";
import { defineService } from "../lib/service.mjs";
import { flows, GiB, jitter, lognormal, metricsIn, MiB } from "../lib/sim.mjs";
import { DISK_TOTAL, fondationAdmin, fondationFaults, LEASE_MS } from "./fondation-worker-ops.mjs";

const HEARTBEAT_MS = 10_000;
const MEMORY_LIMIT = 2 * GiB;

function fondationMetrics(m) {
  return {
    claimed: m.counter("fondation_jobs_claimed_total", "Jobs claimed from Convex"),
    completed: m.counter("fondation_jobs_completed_total", "Jobs finished, by status", ["status"]),
    duration: m.histogram("fondation_job_duration_seconds", "Job run time", ["status"], [5, 10, 20, 30, 60, 120, 300, 600]),
    queue: m.gauge("fondation_queue_depth", "Jobs pending in Convex"),
    running: m.gauge("fondation_jobs_running", "Jobs this worker is running"),
    maxConcurrent: m.gauge("fondation_max_concurrent_jobs", "MAX_CONCURRENT_JOBS"),
    leasesActive: m.gauge("fondation_leases_active", "Job leases held and renewed by this worker"),
    leasesExpired: m.gauge("fondation_leases_expired", "Running jobs whose lease has expired (leaseUntil < now)"),
    reclaimed: m.counter("fondation_leases_reclaimed_total", "Expired leases reclaimed (jobs.reclaimExpired)"),
    heartbeats: m.counter("fondation_heartbeats_total", "Heartbeats sent to Convex"),
    heartbeatAt: m.gauge("fondation_last_heartbeat_timestamp_seconds", "Unix time of the last heartbeat"),
    heartbeatAge: m.gauge("fondation_heartbeat_age_seconds", "Seconds since the last heartbeat"),
    convex: m.gauge("fondation_convex_connected", "1 when connected to Convex"),
    authErrors: m.counter("fondation_claude_auth_errors_total", "Claude CLI 401 Unauthorized errors"),
    cloneFailures: m.counter("fondation_repo_clone_failures_total", "Repository clone failures", ["reason"]),
    rss: m.gauge("process_resident_memory_bytes", "Resident memory size in bytes"),
    memLimit: m.gauge("fondation_memory_limit_bytes", "Container memory limit"),
    diskUsed: m.gauge("fondation_disk_used_bytes", "Bytes used on /"),
    diskTotal: m.gauge("fondation_disk_total_bytes", "Size of /"),
    tmp: m.gauge("fondation_tmp_dir_bytes", "Size of /tmp/fondation (cloned repos)"),
  };
}

export function createFondationWorker({ rng }) {
  const registry = new Registry();
  const g = fondationMetrics(metricsIn(registry));
  const seed = () => {
    for (const status of ["succeeded", "failed"]) {
      g.completed.inc({ status }, 0);
      g.duration.zero({ status });
    }
    for (const reason of ["disk_full", "network"]) g.cloneFailures.inc({ reason }, 0);
  };
  seed();
  const take = flows();
  const now0 = Date.now();
  const state = {
    startedAt: now0, stopped: false, maxConcurrent: 3, queue: 2, running: [], orphans: [], nextId: 5101, lastHeartbeat: now0, leaked: 0,
    disk: { system: 14 * GiB, docker: 9 * GiB, tmp: 1.5 * GiB, logs: 0.6 * GiB }, version: "1.6.2",
  };
  const diskUsed = () => Object.values(state.disk).reduce((a, b) => a + b, 0);
  const model = { state, g, registry, seed, diskUsed };
  const faults = fondationFaults(model);
  model.faults = faults;
  const processing = () => !state.stopped && !faults.on("worker-not-processing");
  model.processing = processing;

  function claim(now) {
    const job = { id: `job_${state.nextId++}`, startedAt: now, duration: lognormal(rng, 12, 0.5), leaseUntil: now + LEASE_MS };
    state.queue -= 1;
    g.claimed.inc();
    // Jobs fail immediately on a 401 from the Claude CLI, or at the "cloning" stage on a full disk.
    const authFails = faults.on("claude-auth-failed");
    const cloneFails = !authFails && faults.on("disk-full") && rng() < 0.8;
    if (!authFails && !cloneFails) return void state.running.push(job);
    if (authFails) g.authErrors.inc();
    else g.cloneFailures.inc({ reason: "disk_full" });
    g.completed.inc({ status: "failed" });
    g.duration.observe({ status: "failed" }, 0.4);
  }

  function tick(dt, now = Date.now()) {
    state.queue += take("inflow", jitter(rng, 0.16 * dt, 0.3));
    if (processing()) {
      if (now - state.lastHeartbeat >= HEARTBEAT_MS) {
        state.lastHeartbeat = now;
        g.heartbeats.inc();
        for (const job of state.running) job.leaseUntil = now + LEASE_MS;
      }
      // Running jobs fail at their next Claude CLI call once the credentials are rejected.
      const authFails = faults.on("claude-auth-failed");
      for (const job of state.running.filter((j) => authFails || now - j.startedAt >= j.duration * 1000)) {
        if (authFails) g.authErrors.inc();
        const status = authFails || rng() < 0.03 ? "failed" : "succeeded";
        g.completed.inc({ status });
        g.duration.observe({ status }, job.duration);
        state.running.splice(state.running.indexOf(job), 1);
      }
      if (!faults.on("convex-disconnected")) while (state.queue > 0 && state.running.length < state.maxConcurrent) claim(now);
      if (faults.on("memory-leak")) state.leaked += 60 * MiB * dt;
    }
    const expired = state.orphans.length + state.running.filter((j) => j.leaseUntil < now).length;
    g.queue.set(state.queue);
    g.running.set(state.running.length + state.orphans.length);
    g.maxConcurrent.set(state.maxConcurrent);
    g.leasesActive.set(state.running.filter((j) => j.leaseUntil >= now).length);
    g.leasesExpired.set(expired);
    g.heartbeatAt.set(Math.floor(state.lastHeartbeat / 1000));
    g.heartbeatAge.set(Math.round((now - state.lastHeartbeat) / 1000));
    g.convex.set(faults.on("convex-disconnected") ? 0 : 1);
    g.rss.set(Math.round(jitter(rng, 360 * MiB, 0.04) + state.running.length * 60 * MiB + state.leaked));
    g.memLimit.set(MEMORY_LIMIT);
    state.disk.tmp = Math.max(state.disk.tmp, 0.2 * GiB + state.running.length * 0.4 * GiB);
    g.diskUsed.set(diskUsed());
    g.diskTotal.set(DISK_TOTAL);
    g.tmp.set(state.disk.tmp);
  }

  function health(now = Date.now()) {
    if (state.stopped) return { status: 503, body: { status: "stopped", error: "fondation-worker is stopped (systemctl stop)" } };
    const rss = Math.round(360 * MiB + state.running.length * 60 * MiB + state.leaked);
    const age = Math.round((now - state.lastHeartbeat) / 1000);
    const usedPct = Math.round((diskUsed() / DISK_TOTAL) * 1000) / 10;
    const checks = {
      convex: { status: faults.on("convex-disconnected") ? "disconnected" : "connected" },
      claude: { status: faults.on("claude-auth-failed") ? "unauthorized" : "authenticated" },
      heartbeat: { status: age > 60 || !processing() ? "stale" : "ok", age_seconds: age },
      memory: { status: rss > 1.5 * GiB ? "high" : "ok", rss_bytes: rss, limit_bytes: MEMORY_LIMIT },
      disk: { status: usedPct >= 95 ? "full" : "ok", used_percent: usedPct },
    };
    const leases = { active: state.running.filter((j) => j.leaseUntil >= now).length, expired: state.orphans.length + state.running.filter((j) => j.leaseUntil < now).length };
    const body = {
      worker_id: "scaleway-worker-1", version: state.version, uptime_seconds: Math.round((now - state.startedAt) / 1000), last_heartbeat: new Date(state.lastHeartbeat).toISOString(),
      checks, jobs: { pending: state.queue, running: state.running.length, max_concurrent: state.maxConcurrent }, leases,
    };
    if (!processing()) return { status: 503, body: { status: "unhealthy", error: `worker loop not responding; last heartbeat ${age}s ago`, ...body } };
    const degraded = ["convex", "claude", "memory", "disk"].some((k) => !["ok", "connected", "authenticated"].includes(checks[k].status));
    return { status: 200, body: { status: degraded ? "degraded" : "healthy", ...body } };
  }

  model.tick = tick;
  return defineService({
    slug: "fondation-worker", name: "Fondation Worker", healthPath: "/health", registry, faults, admin: fondationAdmin(model), tick, health,
    metricsUp: () => !state.stopped,
    reset: () => { state.stopped = false; state.maxConcurrent = 3; },
  });
}
