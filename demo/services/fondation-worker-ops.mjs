// Fondation worker's incidents and its runbook's resolutions, as faults and admin actions.
import { enumParam, HttpError, intParam } from "../lib/http.mjs";
import { faultBook } from "../lib/service.mjs";
import { GiB } from "../lib/sim.mjs";

export const LEASE_MS = 120_000;
export const DISK_TOTAL = 80 * GiB;

export function fondationFaults({ state, diskUsed }) {
  return faultBook({
    "worker-not-processing": {
      title: "Worker not processing jobs", symptoms: "queue depth increasing, no jobs leave pending, heartbeat stops, /health 503",
      recovery: { action: "restart" },
    },
    "expired-leases": {
      title: "Jobs stuck in running state (expired leases)", symptoms: "jobs running for over 30 minutes with leaseUntil in the past; fondation_leases_expired > 0 while the worker looks healthy",
      recovery: { action: "reclaim-expired-leases" },
      inject: () => {
        const now = Date.now();
        for (let i = 0; i < 3; i++) state.orphans.push({ id: `job_${state.nextId++}`, startedAt: now - (35 + i * 4) * 60_000, leaseUntil: now - (5 + i) * 60_000 });
      },
      active: () => state.orphans.length > 0,
      clear: () => { state.queue += state.orphans.length; state.orphans = []; },
    },
    "memory-leak": {
      title: "High memory usage (leak)", symptoms: "process_resident_memory_bytes climbing past 1.5 GB toward the 2 GB limit; OOM kills; slow processing",
      recovery: { action: "restart" },
      clear: () => { state.leaked = 0; },
    },
    "claude-auth-failed": {
      title: "Claude CLI authentication failed", symptoms: "\"Unauthorized\" in the logs, jobs fail immediately, fondation_claude_auth_errors_total climbing",
      recovery: { action: "reauthenticate" },
    },
    "convex-disconnected": {
      title: "Convex connection lost", symptoms: "\"Failed to connect to Convex\", no new jobs claimed, health degraded",
      recovery: { action: "restart" },
    },
    "disk-full": {
      title: "Disk full", symptoms: "write errors, jobs failing at the cloning stage, / over 95% used (mostly /tmp/fondation)",
      recovery: { action: "clean-disk", body: { target: "temp" } },
      inject: () => { state.disk.tmp += DISK_TOTAL * 0.985 - diskUsed(); },
      active: () => diskUsed() / DISK_TOTAL >= 0.95,
      clear: () => { state.disk.tmp = 0.2 * GiB; },
    },
  });
}

export function fondationAdmin(model) {
  const { state, g, registry, seed, diskUsed } = model;
  const restart = () => {
    const cleared = ["worker-not-processing", "memory-leak", "convex-disconnected"].filter((f) => model.faults.clear(f));
    // A graceful stop releases the leases it holds: those jobs go back to pending.
    const released = state.running.length;
    state.queue += released;
    state.running = [];
    state.stopped = false;
    state.startedAt = Date.now();
    state.lastHeartbeat = Date.now();
    registry.resetMetrics();
    seed();
    model.tick(0);
    return { cleared, released_jobs: released };
  };
  return {
    restart: { title: "Restart the worker (systemctl restart fondation-worker)", params: {}, run: () => ({ restarted: true, ...restart() }) },
    "reclaim-expired-leases": {
      title: "Reclaim expired leases (jobs.reclaimExpired)",
      params: {},
      run: () => {
        const now = Date.now();
        const expired = [...state.orphans, ...state.running.filter((j) => j.leaseUntil < now)];
        state.running = state.running.filter((j) => j.leaseUntil >= now);
        state.orphans = [];
        state.queue += expired.length;
        g.reclaimed.inc(expired.length);
        return { reclaimed: expired.length, jobs: expired.map((j) => j.id), status: "pending" };
      },
    },
    reauthenticate: {
      title: "Re-authenticate the Claude CLI (./auth-claude.sh)",
      params: {},
      run: () => ({ authenticated: true, credentials: "/srv/claude-creds", was_failing: model.faults.clear("claude-auth-failed") }),
    },
    "clean-disk": {
      title: "Free disk space (rm -rf /tmp/fondation/*, docker system prune)",
      params: { target: enumParam(["temp", "docker", "all"], { default: "temp" }) },
      run: ({ target }) => {
        const before = diskUsed();
        if (target !== "docker") state.disk.tmp = 0.2 * GiB + state.running.length * 0.4 * GiB;
        if (target !== "temp") state.disk.docker = 2.5 * GiB;
        if (target === "all") state.disk.logs = 0.1 * GiB;
        return { target, freed_bytes: Math.round(before - diskUsed()), used_percent: Math.round((diskUsed() / DISK_TOTAL) * 1000) / 10 };
      },
    },
    "set-concurrency": {
      title: "Set MAX_CONCURRENT_JOBS and restart",
      params: { max_concurrent_jobs: intParam(1, 4) },
      run: ({ max_concurrent_jobs: n }) => {
        const previous = state.maxConcurrent;
        state.maxConcurrent = n;
        return { previous, max_concurrent_jobs: n, ...restart() };
      },
    },
    "stop-worker": {
      title: "Emergency stop (systemctl stop fondation-worker)",
      params: {},
      run: () => {
        if (state.stopped) throw new HttpError(409, "the worker is already stopped");
        state.stopped = true;
        const now = Date.now();
        for (const job of state.running) job.leaseUntil = Math.min(job.leaseUntil, now + LEASE_MS);
        return { stopped: true, running_jobs_left: state.running.length, note: "their leases expire unless the worker starts again" };
      },
    },
    "start-worker": {
      title: "Start the worker (systemctl start fondation-worker)",
      params: {},
      run: () => {
        const was = state.stopped ? "stopped" : "running";
        state.stopped = false;
        state.lastHeartbeat = Date.now();
        return { started: true, was };
      },
    },
  };
}
