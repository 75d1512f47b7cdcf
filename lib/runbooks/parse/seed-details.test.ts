// What the seed documents say beyond counts: alerts, severities, MTTR targets, time boxes,
// dangerous steps, symptoms, placeholders, tables and checklists.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbookDocument } from ".";
import type { ParsedDocument, ParsedRunbook } from "./types";

const SEEDS = new URL("../../../demo/runbooks/", import.meta.url);
const readSeed = (file: string) => parseRunbookDocument(readFileSync(new URL(file, SEEDS), "utf8"), file);
const agent = readSeed("agent-node-operational-runbook.md");
const aitbc = readSeed("aitbc-incident-runbooks.md");
const beacon = readSeed("beacon-runner-runbook.md");
const beamline = readSeed("beamline-router-recovery.md");
const fondation = readSeed("fondation-worker-runbook.md");

const byKey = (doc: ParsedDocument, key: string): ParsedRunbook => {
  const r = doc.runbooks.find((x) => x.key === key);
  if (!r) throw new Error(`no runbook ${key} in ${doc.file}`);
  return r;
};
/** runbook key → what `f` reads from it, leaving out runbooks where it reads nothing */
function pick<T>(doc: ParsedDocument, f: (r: ParsedRunbook) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const r of doc.runbooks) {
    const v = f(r);
    if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) out[r.key] = v;
  }
  return out;
}
const allSteps = (doc: ParsedDocument) => doc.runbooks.flatMap((r) => r.phases.flatMap((p) => p.steps.map((s) => ({ key: r.key, ...s }))));

describe("alerts", () => {
  it("reads **Alert**: `Name` labels (beacon)", () => {
    expect(pick(beacon, (r) => r.alerts)).toEqual({
      "runner-down": ["RunnerDown"], "high-job-failure-rate": ["HighJobFailureRate"], "jobs-stuck-in-queue": ["JobsStuckInQueue"],
      "high-http-latency": ["HighHTTPLatency"], "low-negotiation-success-rate": ["LowNegotiationSuccessRate"],
    });
  });

  it("reads the alert a heading names: \"High Error Rate Alert\" (agent-node)", () => {
    expect(pick(agent, (r) => r.alerts)).toEqual({
      "high-error-rate-alert": ["High Error Rate"], "high-latency-alert": ["High Latency"], "memory-usage-high-alert": ["Memory Usage High"], "ai-provider-errors-alert": ["AI Provider Errors"],
    });
  });

  it("finds none where none is named", () => {
    for (const doc of [aitbc, beamline, fondation]) expect(doc.runbooks.flatMap((r) => r.alerts)).toEqual([]);
  });
});

describe("severity", () => {
  it("maps **Severity** labels, the most severe of Warning/Critical winning (agent-node)", () => {
    expect(pick(agent, (r) => r.severity)).toEqual({
      "high-error-rate-alert": { raw: "Warning/Critical", level: "P1" }, "high-latency-alert": { raw: "Warning", level: "P3" },
      "memory-usage-high-alert": { raw: "Warning", level: "P3" }, "ai-provider-errors-alert": { raw: "Critical", level: "P1" },
    });
  });

  it("takes it from the group heading the alerts sit under: \"🚨 Critical Alerts\" (beacon)", () => {
    expect(pick(beacon, (r) => r.severity?.level)).toEqual({
      "runner-down": "P1", "high-job-failure-rate": "P1", "jobs-stuck-in-queue": "P1", "high-http-latency": "P3", "low-negotiation-success-rate": "P3",
    });
    expect(byKey(beacon, "runner-down").severity?.raw).toBe("Critical Alerts");
  });
});

describe("MTTR and time boxes (aitbc)", () => {
  it("reads \"### MTTR Target: N minutes\"", () => {
    expect(pick(aitbc, (r) => r.mttrMinutes)).toEqual({
      "coordinator-api-outage": 2, "network-partition": 5, "database-failure": 3, "redis-failure": 2, "high-cpu-memory-usage": 5, "storage-issues": 10,
    });
    for (const doc of [agent, beacon, beamline, fondation]) expect(doc.runbooks.every((r) => r.mttrMinutes === null)).toBe(true);
  });

  it("reads the time box of each phase, in hours and days too", () => {
    const boxes = (r: ParsedRunbook) => r.phases.map((p) => [p.title, p.fromMin, p.toMin]);
    expect(boxes(byKey(aitbc, "coordinator-api-outage"))).toEqual([
      ["Immediate Actions (0-2 minutes)", 0, 2], ["Investigation (2-10 minutes)", 2, 10], ["Recovery Actions", null, null], ["Verification", null, null],
    ]);
    expect(pick(aitbc, (r) => r.phases.filter((p) => p.fromMin !== null).map((p) => `${p.fromMin}-${p.toMin}`))).toEqual({
      "coordinator-api-outage": ["0-2", "2-10"], "network-partition": ["0-5", "5-15"], "database-failure": ["0-3", "3-10"], "redis-failure": ["0-2", "2-5"],
      "high-cpu-memory-usage": ["0-5", "5-15"], "storage-issues": ["0-10", "10-20"], "post-incident-checklist": ["0-60", "60-1440", "1440-10080"],
    });
  });
});

describe("dangerous steps", () => {
  it("marks beamline's stream purge and the optional data wipe, and nothing else in any seed", () => {
    const dangerous = [agent, aitbc, beacon, beamline, fondation].flatMap((d) => allSteps(d).filter((s) => s.dangerous).map((s) => [s.key, s.danger, s.text]));
    expect(dangerous).toEqual([
      ["nats-recovery", "DANGER: Data loss", "Purge (Extreme): If the queue is poisoned and must be cleared:"],
      ["clean-state-restart", "Optional/DANGER", "Clear NATS Data (Optional/DANGER): `rm -rf data/jetstream` (only if data re-population is possible)"],
    ]);
  });
});

describe("symptoms and placeholders", () => {
  it("reads a Symptoms heading's list and an inline **Symptoms** label", () => {
    expect(byKey(aitbc, "coordinator-api-outage").symptoms).toEqual(["503/504 errors on all endpoints", "Health check failures", "Job submission failures", "Marketplace unresponsive"]);
    expect(byKey(beacon, "runner-down").symptoms).toEqual(["Service unavailable", "health checks failing"]);
    expect(byKey(fondation, "disk-full").symptoms).toEqual(["Write errors in logs", "Jobs failing randomly", "Cannot create temp files"]);
    expect(byKey(beamline, "nats-recovery").symptoms[0]).toBe("Router logs: `NATS connection lost`, `NATS_CONNECTION_LOST`");
  });

  it("collects placeholders from commands, not variables a script sets itself", () => {
    expect(pick(beamline, (r) => r.placeholders)).toEqual({ "nats-recovery": ["<STREAM_NAME>"] });
    expect(pick(beacon, (r) => r.placeholders)).toEqual({ "circuit-breaker-management": ["$ADMIN_TOKEN"] });
    expect(pick(agent, (r) => r.placeholders)).toEqual({ "service-wont-start": ["$API_KEY", "$DATABASE_URL", "$PORT"] });
    expect(pick(fondation, (r) => r.placeholders)).toEqual({
      "worker-not-processing-jobs": ["$CONVEX_URL"], "jobs-stuck-in-running-state": ["$CONVEX_URL"], "convex-connection-lost": ["$CONVEX_URL"],
    });
    expect(pick(aitbc, (r) => r.placeholders)).toEqual({});
  });
});

describe("steps", () => {
  it("keeps inline commands and fenced blocks with their language and comments", () => {
    const [first] = byKey(beacon, "runner-down").phases[0].steps;
    expect(first.text).toBe("Check Fly.io app status: `flyctl status --app beacon-runner-production`");
    expect(first.commands).toEqual([{ lang: null, code: "flyctl status --app beacon-runner-production", hints: [], inline: true }]);
    const [review] = byKey(aitbc, "coordinator-api-outage").phases[1].steps;
    expect(review.text).toBe("Review Logs");
    expect(review.commands).toEqual([{ lang: "bash", code: "kubectl logs -n default deployment/coordinator --tail=100", hints: [], inline: false }]);
    expect(byKey(aitbc, "coordinator-api-outage").phases[0].steps[0].commands[0].hints).toEqual(["1. Check pod status", "2. Check recent events", "3. Check if pods are crashlooping", "4. Quick restart if needed"]);
  });

  it("joins a fenced block to the paragraph before it (beamline A. NATS Process Down)", () => {
    const phase = byKey(beamline, "nats-recovery").phases[0];
    expect([phase.title, phase.context]).toEqual(["A. NATS Process Down", ["Recovery Procedures"]]);
    expect(phase.steps).toHaveLength(1);
    expect(phase.steps[0].text).toBe("If the NATS server itself has crashed:");
    expect(phase.steps[0].markdown).toMatch(/^If the NATS server itself has crashed:\n```bash\n[\s\S]*```$/);
  });

  it("turns the troubleshooting table into rows, mending `cmd | grep` cells", () => {
    const [table] = byKey(beamline, "troubleshooting-checklist").phases[0].steps;
    expect(table.kind).toBe("table");
    expect(table.table).toEqual({
      headers: ["Problem", "Potential Cause", "Verification"],
      rows: [
        ["High Latency", "Backpressure", "`curl -s http://localhost:9001/metrics | grep latency`"],
        ["429 Errors", "Rate Limiting", "Check `router_rate_limiter` logs"],
        ["503 Errors", "Circuit Breaker", "Check `router_circuit_breaker_state` metric"],
        ["Stuck Queues", "Consumer Crash", "Check `router_nats_subscriber` process status"],
      ],
    });
    expect(table.commands.map((c) => c.code)).toEqual(["curl -s http://localhost:9001/metrics | grep latency"]);
  });

  it("reads checklists with their state", () => {
    const post = byKey(aitbc, "post-incident-checklist");
    expect(post.phases.map((p) => p.steps.map((s) => [s.kind, s.checked]))).toEqual(
      [0, 1, 2].map(() => [0, 1, 2, 3].map(() => ["checklist", false])),
    );
    expect(post.phases[0].steps[0].text).toBe("Service fully restored");
    expect(allSteps(fondation).filter((s) => s.kind === "checklist")).toHaveLength(8);
  });

  it("opens a phase at each bold label (agent-node)", () => {
    const r = byKey(agent, "high-error-rate-alert");
    expect(r.phases.map((p) => [p.title, p.steps.length])).toEqual([["Investigation Steps", 4], ["Resolution", 3]]);
    expect((r.meta ?? []).map((m) => [m.label, m.value])).toEqual([["Severity", "Warning/Critical"], ["Trigger", "HTTP error rate > 5% for 5 minutes"]]);
  });

  it("keeps unbound steps unbound", () => {
    expect([agent, aitbc, beacon, beamline, fondation].flatMap(allSteps).every((s) => s.binding === null)).toBe(true);
  });
});
