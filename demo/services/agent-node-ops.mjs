// Agent node alerts (High Error Rate, High Latency, Memory Usage High, AI Provider Errors, logs
// filling the disk) and the resolutions its runbook gives them.
import { enumParam, HttpError, intParam } from "../lib/http.mjs";
import { faultBook } from "../lib/service.mjs";
import { GiB } from "../lib/sim.mjs";

export const PROVIDERS = ["openai", "anthropic"];

export function agentFaults({ state, window }) {
  return faultBook({
    "high-error-rate": {
      title: "High error rate after a deployment", symptoms: "HTTP 5xx over 5% (TypeError on POST /api/agents/run); health errors.status high",
      recovery: { action: "rollback-deployment" },
      inject: () => { state.version = "2.5.0"; state.previous = "2.4.1"; },
    },
    "high-latency": {
      title: "High latency (CPU constrained)", symptoms: "http_request_duration_seconds p95 over 2 s on every route; CPU saturated",
      recovery: { action: "scale-instances", body: { instances: 4 } },
    },
    "memory-leak": {
      title: "Memory leak", symptoms: "memory_usage_bytes{type=\"heap_used\"} rises steadily toward heap_total; heap usage above 90%",
      recovery: { action: "restart" },
      clear: () => { state.leaked = 0; },
    },
    "ai-provider-errors": {
      title: "AI provider errors", symptoms: "ai_request_errors_total (rate limits, 5xx, timeouts) over 10% for one provider; 502s from the agent API",
      params: { provider: enumParam(PROVIDERS, { default: "openai" }) },
      recovery: { action: "switch-provider", body: (p) => ({ provider: PROVIDERS.find((x) => x !== p.provider) }) },
      clear: () => window.clear(),
    },
    "disk-full": {
      title: "Log files filling the disk", symptoms: "/var/log/agent-node keeps growing: /var/log has under 5% free; write errors next",
      recovery: { action: "rotate-logs" },
      // Nobody looks at log volume until the disk is nearly full: it starts at 95.5% used.
      inject: () => { state.logs = Math.max(state.logs, 17.9 * GiB); },
      clear: () => { state.logs = 2.1 * GiB; },
    },
  });
}

export function agentAdmin(model) {
  const { state, instances, registry, seed, window } = model;
  return {
    restart: {
      title: "Restart the service (systemctl restart agent-node)", params: {},
      run: () => {
        const cleared = model.faults.clear("memory-leak") ? ["memory-leak"] : [];
        registry.resetMetrics();
        seed();
        model.tick(0);
        state.startedAt = Date.now();
        return { restarted: true, cleared };
      },
    },
    "rollback-deployment": {
      title: "Roll back to the previous release", params: {},
      run: () => {
        const from = state.version;
        [state.version, state.previous] = [state.previous, state.version];
        const cleared = model.faults.clear("high-error-rate");
        window.clear();
        return { from, to: state.version, cleared: cleared ? ["high-error-rate"] : [] };
      },
    },
    "scale-instances": {
      title: "Scale out instances", params: { instances: intParam(instances.min, instances.max) },
      run: ({ instances: n }) => {
        const r = instances.scale(n);
        return { ...r, high_latency_relieved: n > r.previous && model.faults.clear("high-latency") };
      },
    },
    "restore-instances": {
      title: "Restore the instance count from before the last scale", params: {},
      run: () => {
        const r = instances.restore();
        if (!r) throw new HttpError(409, "nothing to restore: no scale since the last restore");
        return r;
      },
    },
    "switch-provider": {
      title: "Switch the primary AI provider (backup provider)", params: { provider: enumParam(PROVIDERS) },
      run: ({ provider }) => {
        const from = state.primary;
        state.primary = provider;
        const failing = model.faults.on("ai-provider-errors") ? model.faults.params("ai-provider-errors").provider : null;
        const cleared = failing !== null && failing !== provider && model.faults.clear("ai-provider-errors");
        return { from, primary: provider, cleared: cleared ? ["ai-provider-errors"] : [] };
      },
    },
    "rotate-logs": {
      title: "Rotate and compress logs (logrotate -f /etc/logrotate.d/agent-node)", params: {},
      run: () => {
        const before = state.logs;
        model.faults.clear("disk-full");
        state.logs = 0.4 * GiB;
        return { freed_bytes: Math.round(before - state.logs), kept: "7 days, compressed" };
      },
    },
  };
}
