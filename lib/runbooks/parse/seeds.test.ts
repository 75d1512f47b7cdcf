// The five seed documents, with numbers counted by hand from the Markdown (see the comments).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbookDocument } from ".";
import type { ParsedDocument } from "./types";

// The five seed runbooks, as shipped with the demo (byte for byte ../shared/seeds/).
const SEEDS = new URL("../../../demo/runbooks/", import.meta.url);
const readSeed = (file: string) => parseRunbookDocument(readFileSync(new URL(file, SEEDS), "utf8"), file);

const steps = (doc: ParsedDocument) => doc.runbooks.flatMap((r) => r.phases.flatMap((p) => p.steps));
const commands = (doc: ParsedDocument) => steps(doc).flatMap((s) => s.commands);
const stepsPer = (doc: ParsedDocument) => Object.fromEntries(doc.runbooks.map((r) => [r.key, r.phases.reduce((n, p) => n + p.steps.length, 0)]));
const keys = (doc: ParsedDocument, kind: "scenario" | "shared") => doc.runbooks.filter((r) => r.kind === kind).map((r) => r.key);

type Expected = {
  title: string;
  scenarios: string[];
  shared: string[];
  steps: number;
  commands: { inline: number; fenced: number };
  hints: number;
};

const EXPECTED: Record<string, Expected> = {
  // 4 "### … Alert" sections (Severity), 4 "### Issue:" sections (Symptoms), and the two
  // "Performance Troubleshooting" sub-sections with numbered steps; the rest is shared.
  "agent-node-operational-runbook.md": {
    title: "Operational Runbook",
    scenarios: ["high-error-rate-alert", "high-latency-alert", "memory-usage-high-alert", "ai-provider-errors-alert", "service-wont-start", "database-connection-errors", "ai-provider-timeout", "log-files-growing-too-large", "identifying-bottlenecks", "optimization-steps"],
    shared: ["overview", "table-of-contents", "log-analysis", "incident-response-workflow", "configuration-reference", "emergency-contacts", "quick-reference-commands"],
    // 1 + 5 + (7 + 8 + 8 + 8) + (7 + 7 + 8 + 5) + 3 + 4 + 3 + 13 + 2 + 4 + 1
    steps: 94,
    commands: { inline: 0, fenced: 22 },
    hints: 20,
  },
  // "## Runbook: …" with "### Symptoms" and "### MTTR Target" are the scenarios.
  "aitbc-incident-runbooks.md": {
    title: "AITBC Incident Runbooks",
    scenarios: ["coordinator-api-outage", "network-partition", "database-failure", "redis-failure", "high-cpu-memory-usage", "storage-issues"],
    shared: ["overview", "emergency-contact-procedures", "post-incident-checklist", "runbook-maintenance"],
    // 1 + 9 + 5 × 8 + 8 + 12 checklist items + 9 (3 + 5 + the version footer)
    steps: 79,
    commands: { inline: 0, fenced: 50 },
    hints: 42,
  },
  // "####" alerts under "Alert Response Procedures", "###" under "Service Recovery Procedures"
  // (Symptoms), and the "###" procedures of "Job Recovery" and "Performance Optimization".
  "beacon-runner-runbook.md": {
    title: "Project Beacon Error Recovery Runbook",
    scenarios: ["runner-down", "high-job-failure-rate", "jobs-stuck-in-queue", "high-http-latency", "low-negotiation-success-rate", "ipfs-recovery", "golem-network-recovery", "database-recovery", "redis-recovery", "stuck-job-recovery", "failed-job-analysis", "dead-letter-queue-processing", "high-memory-usage", "high-cpu-usage"],
    shared: ["overview", "circuit-breaker-management", "monitoring-and-alerting", "escalation-procedures", "emergency-contacts", "post-incident-actions"],
    // 1 + (5 + 7 + 6 + 6 + 4) + 4 × 4 + 5 + 3 × 4 + 2 × 4 + 6 + 9 + 3 + 5
    steps: 93,
    commands: { inline: 9, fenced: 3 },
    hints: 4,
  },
  "beamline-router-recovery.md": {
    title: "Recovery Runbook (T-OPS-04)",
    scenarios: ["nats-recovery", "circuit-breaker-management", "clean-state-restart"],
    shared: ["overview", "troubleshooting-checklist", "related-runbooks"],
    // 1 + (1 + 5 + 5) + (3 + 1 + 3) + (1 + 7) + 1 table + 1
    steps: 29,
    commands: { inline: 9, fenced: 6 },
    hints: 5,
  },
  // Seven "Common Incidents" (Symptoms), three emergency and three recovery procedures whose
  // scripts number their steps "# 1.", "# 2.", …
  "fondation-worker-runbook.md": {
    title: "Runbook - Incident Response Procedures",
    scenarios: ["worker-not-processing-jobs", "jobs-stuck-in-running-state", "high-memory-usage", "claude-cli-authentication-failed", "repository-clone-failures", "convex-connection-lost", "disk-full", "complete-system-failure", "data-corruption", "security-breach", "restore-from-backup", "failover-to-secondary-instance", "rollback-deployment"],
    shared: ["table-of-contents", "alert-response", "post-incident", "quick-reference"],
    // 5 + 7 + 7 × 2 + 3 + 3 + 15 + 6
    steps: 53,
    commands: { inline: 3, fenced: 22 },
    hints: 100,
  },
};

describe.each(Object.entries(EXPECTED))("seed %s", (file, want) => {
  const doc = readSeed(file);

  it("has its title and splits into the expected runbooks", () => {
    expect(doc.file).toBe(file);
    expect(doc.title).toBe(want.title);
    expect(keys(doc, "scenario")).toEqual(want.scenarios);
    expect(keys(doc, "shared")).toEqual(want.shared);
    expect(new Set(doc.runbooks.map((r) => r.key)).size).toBe(doc.runbooks.length);
  });

  it("counts its steps, commands and script comments", () => {
    expect(steps(doc)).toHaveLength(want.steps);
    expect(commands(doc).filter((c) => c.inline)).toHaveLength(want.commands.inline);
    expect(commands(doc).filter((c) => !c.inline)).toHaveLength(want.commands.fenced);
    expect(commands(doc).reduce((n, c) => n + c.hints.length, 0)).toBe(want.hints);
  });

  it("gives every runbook at least one phase", () => {
    for (const r of doc.runbooks) expect(r.phases.length).toBeGreaterThan(0);
  });
});

describe("steps per runbook", () => {
  it("agent-node", () => {
    expect(stepsPer(readSeed("agent-node-operational-runbook.md"))).toEqual({
      overview: 1, "table-of-contents": 5, "high-error-rate-alert": 7, "high-latency-alert": 8, "memory-usage-high-alert": 8, "ai-provider-errors-alert": 8,
      "service-wont-start": 7, "database-connection-errors": 7, "ai-provider-timeout": 8, "log-files-growing-too-large": 5, "identifying-bottlenecks": 3,
      "optimization-steps": 4, "log-analysis": 3, "incident-response-workflow": 13, "configuration-reference": 2, "emergency-contacts": 4, "quick-reference-commands": 1,
    });
  });

  it("aitbc", () => {
    expect(stepsPer(readSeed("aitbc-incident-runbooks.md"))).toEqual({
      overview: 1, "coordinator-api-outage": 9, "network-partition": 8, "database-failure": 8, "redis-failure": 8, "high-cpu-memory-usage": 8, "storage-issues": 8,
      "emergency-contact-procedures": 8, "post-incident-checklist": 12, "runbook-maintenance": 9,
    });
  });

  it("beacon", () => {
    expect(stepsPer(readSeed("beacon-runner-runbook.md"))).toEqual({
      overview: 1, "runner-down": 5, "high-job-failure-rate": 7, "jobs-stuck-in-queue": 6, "high-http-latency": 6, "low-negotiation-success-rate": 4,
      "ipfs-recovery": 4, "golem-network-recovery": 4, "database-recovery": 4, "redis-recovery": 4, "circuit-breaker-management": 5, "stuck-job-recovery": 4,
      "failed-job-analysis": 4, "dead-letter-queue-processing": 4, "high-memory-usage": 4, "high-cpu-usage": 4, "monitoring-and-alerting": 6,
      "escalation-procedures": 9, "emergency-contacts": 3, "post-incident-actions": 5,
    });
  });

  it("beamline", () => {
    expect(stepsPer(readSeed("beamline-router-recovery.md"))).toEqual({
      overview: 1, "nats-recovery": 11, "circuit-breaker-management": 7, "clean-state-restart": 8, "troubleshooting-checklist": 1, "related-runbooks": 1,
    });
  });

  it("fondation", () => {
    expect(stepsPer(readSeed("fondation-worker-runbook.md"))).toEqual({
      "table-of-contents": 5, "alert-response": 7, "worker-not-processing-jobs": 2, "jobs-stuck-in-running-state": 2, "high-memory-usage": 2,
      "claude-cli-authentication-failed": 2, "repository-clone-failures": 2, "convex-connection-lost": 2, "disk-full": 2, "complete-system-failure": 1,
      "data-corruption": 1, "security-breach": 1, "restore-from-backup": 1, "failover-to-secondary-instance": 1, "rollback-deployment": 1,
      "post-incident": 15, "quick-reference": 6,
    });
  });
});
