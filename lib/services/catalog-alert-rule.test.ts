// Health rules in the catalog (alertRules[] with `health: down | degraded`): what a good one
// becomes, and the file:line problem each kind of mistake gets at load.
import { describe, expect, it } from "vitest";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";

const service = (rules: string, health = true) => `services:
  - slug: beacon-runner
    name: Beacon Runner
${health ? "    health: { url: http://127.0.0.1:4700/beacon-runner/health/ready, interval: 15s }\n" : ""}    metrics: { scrape: http://127.0.0.1:4700/beacon-runner/metrics }
    alertRules:
${rules}`;

const RUNNER_DOWN = `      - name: RunnerDown
        health: down
        for: 1m
        severity: P1
        title: "{{service}} is {{value}}"
        message: "Every health check for {{threshold}} failed."
`;

function problems(text: string) {
  const r = parseCatalog(text, "demo.yaml");
  if (r.ok) throw new Error("expected problems");
  return r.problems.map(formatProblem);
}

describe("health rules in the catalog", () => {
  it("reads a health rule: its level, window, severity and templates", () => {
    const r = parseCatalog(service(RUNNER_DOWN + "      - { name: RunnerDegraded, health: degraded, severity: P3, title: \"{{service}} is {{value}}\", runbook: beacon-runner-runbook--circuit-breaker-management }\n"));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    expect(r.catalog.services[0].alertRules).toEqual([
      { type: "health", name: "RunnerDown", health: "down", forMs: 60_000, severity: "P1", title: "{{service}} is {{value}}", message: "Every health check for {{threshold}} failed.", runbook: undefined },
      { type: "health", name: "RunnerDegraded", health: "degraded", forMs: 0, severity: "P3", title: "{{service}} is {{value}}", message: "", runbook: "beacon-runner-runbook--circuit-breaker-management" },
    ]);
  });

  it("sits beside threshold rules, which keep their shape", () => {
    const threshold = `      - { name: JobsStuckInQueue, title: "{{value}} jobs", metric: outbox_unpublished_count, op: ">", value: 10, for: 5m, severity: P1 }\n`;
    const r = parseCatalog(service(RUNNER_DOWN + threshold));
    expect(r.ok && r.catalog.services[0].alertRules.map((x) => [x.type, x.name])).toEqual([["health", "RunnerDown"], ["threshold", "JobsStuckInQueue"]]);
    expect(r.ok && r.catalog.services[0].alertRules[1]).toMatchObject({ op: ">", value: 10, scale: 1, forMs: 300_000, series: { metric: "outbox_unpublished_count", kind: "gauge" } });
  });

  it("refuses a health rule on a service with no health check, at the rule's line", () => {
    expect(problems(service(RUNNER_DOWN, false))).toEqual([
      "demo.yaml:7:17: services[0].alertRules[0].health: needs a health check on beacon-runner (health.url): a health rule judges its results",
    ]);
  });

  it("refuses a level other than down or degraded", () => {
    expect(problems(service(RUNNER_DOWN.replace("health: down", "health: up")))).toEqual([
      'demo.yaml:8:17: services[0].alertRules[0].health: must be "down" or "degraded"',
    ]);
  });

  it("refuses the fields of a threshold rule, each at its own line", () => {
    expect(problems(service(RUNNER_DOWN.replace("for: 1m", "for: 1m\n        metric: up\n        op: \"<\"\n        value: 1")))).toEqual([
      "demo.yaml:10:17: services[0].alertRules[0].metric: a health rule judges the service's health checks, not a metric: drop it",
      "demo.yaml:11:13: services[0].alertRules[0].op: a health rule judges the service's health checks, not a metric: drop it",
      "demo.yaml:12:16: services[0].alertRules[0].value: a health rule judges the service's health checks, not a metric: drop it",
    ]);
  });

  it("refuses a misspelt placeholder, a bad window and a name already used", () => {
    expect(problems(service(RUNNER_DOWN.replace("{{value}}", "{{status}}")))).toEqual([
      expect.stringMatching(/^demo\.yaml:11:16: services\[0\]\.alertRules\[0\]\.title: \{\{status\}\} is not a placeholder/),
    ]);
    expect(problems(service(RUNNER_DOWN.replace("for: 1m", "for: a minute")))).toEqual([expect.stringMatching(/alertRules\[0\]\.for: must be a duration like/)]);
    expect(problems(service(RUNNER_DOWN + RUNNER_DOWN))).toEqual([expect.stringMatching(/alertRules\[1\]\.name: "RunnerDown" is already an alert rule of beacon-runner$/)]);
  });

  it("tells a rule with neither a health level nor an op what it lacks", () => {
    expect(problems(service(`      - { name: Half, title: t, metric: up, severity: P2 }\n`))).toEqual([
      'demo.yaml:7:9: services[0].alertRules[0].op: must be ">", ">=", "<" or "<=" (or write health: down for a rule on the health checks)',
      "demo.yaml:7:9: services[0].alertRules[0].value: needs the number to compare with",
    ]);
  });
});
