import { describe, expect, it } from "vitest";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";
import type { ThresholdRule } from "@/lib/services/catalog-alert-rule";

const GOOD = `services:
  - slug: beacon-runner
    name: Beacon runner
    team: platform
    tier: 1
    dependsOn: [postgres]
    health:
      url: http://127.0.0.1:4101/health/ready
      interval: 10s
      fields:
        - path: services[].circuit_breaker_stats
          label: Circuit breakers
    metrics:
      scrape: http://127.0.0.1:4101/metrics
    panels:
      - title: Outbox unpublished
        metric: outbox_unpublished_count
        thresholds: { warn: 100, crit: 1000 }
    actions:
      - name: reset-circuit-breakers
        title: Reset circuit breakers
        danger: caution
        params:
          provider: { type: enum, values: [all, stripe, twilio], default: all }
        http:
          url: http://127.0.0.1:4101/admin/circuit-breakers/reset
          headers: { Authorization: "Bearer \${env:DEMO_ADMIN_TOKEN}" }
          body: { provider: "{{provider}}" }
  - slug: postgres
    name: PostgreSQL
`;

const RULES = `  - slug: agent-node
    name: Agent Node
    metrics: { scrape: http://127.0.0.1:4102/metrics }
    alertRules:
      - name: HighErrorRate
        title: Error rate on {{service}} is {{value}}%
        metric: http_request_errors_total
        kind: rate
        over:
          - { metric: jobs_processed_total, kind: rate }
          - { metric: jobs_failed_total, kind: rate }
        scale: 100
        op: ">"
        value: 5
        for: 5m
        severity: P2
      - name: HighLatency
        title: p95 {{value}} s
        metric: http_request_duration_seconds
        kind: p95
        op: ">"
        value: 2
        severity: P3
        runbook: agent-node--high-latency
      - name: MemoryUsageHigh
        title: Heap {{value}}% of total
        metric: memory_usage_bytes
        labels: { type: heap_used }
        over: { metric: memory_usage_bytes, labels: { type: heap_total } }
        scale: 100
        op: ">"
        value: 90
        severity: P3
`;

function problems(text: string) {
  const r = parseCatalog(text, "demo.yaml");
  if (r.ok) throw new Error("expected problems");
  return r.problems.map(formatProblem);
}

describe("parseCatalog", () => {
  it("accepts a valid catalog and fills defaults", () => {
    const r = parseCatalog(GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [runner] = r.catalog.services;
    expect(runner.health).toMatchObject({ interval: 10_000, timeout: 5_000, expectStatus: 200, method: "GET" });
    expect(runner.actions[0]).toMatchObject({ approval: false, timeout: 30_000, http: { method: "POST" } });
    expect(runner.panels[0]).toMatchObject({ key: false, thresholds: { direction: "above" }, series: [{ metric: "outbox_unpublished_count", kind: "gauge", labels: {}, by: [] }] });
  });

  it("fills \${NAME} from the given variables, keeps \${env:NAME} for execution time, and names unset ones", () => {
    const text = GOOD.replaceAll("http://127.0.0.1:4101", "\${FLEET:-http://127.0.0.1:9}");
    const r = parseCatalog(text, "demo.yaml", { FLEET: "http://10.0.0.5:4700" });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    expect(r.catalog.services[0].health?.url).toBe("http://10.0.0.5:4700/health/ready");
    expect(r.catalog.services[0].actions[0].http?.headers.Authorization).toBe("Bearer \${env:DEMO_ADMIN_TOKEN}");
    const fallback = parseCatalog(text, "demo.yaml", {});
    expect(fallback.ok && fallback.catalog.services[0].metrics?.scrape).toBe("http://127.0.0.1:9/metrics");
    expect(problems(GOOD.replace("http://127.0.0.1:4101/metrics", "\${NOPE}/metrics"))).toEqual([
      "demo.yaml:14:15: services[0].metrics.scrape: uses \${NOPE}, which is not set (give a default with \${NOPE:-value})",
    ]);
  });

  it("names the file, line, column and field of a bad value", () => {
    expect(problems(GOOD.replace("http://127.0.0.1:4101/health/ready", "ftp://x"))).toEqual([
      "demo.yaml:8:12: services[0].health.url: must be an http:// or https:// URL",
    ]);
    expect(problems(GOOD.replace("interval: 10s", "interval: soon"))).toEqual([
      expect.stringMatching(/^demo\.yaml:9:17: services\[0\]\.health\.interval: must be a duration/),
    ]);
  });

  it("points at a misspelt field", () => {
    expect(problems(GOOD.replace("    dependsOn:", "    depends_on:"))).toEqual([
      "demo.yaml:6:5: services[0].depends_on: is not a catalog field (a typo?)",
    ]);
  });

  it("refuses unknown dependencies, duplicate slugs, cycles and bad action references", () => {
    expect(problems(GOOD.replace("dependsOn: [postgres]", "dependsOn: [redis]"))).toEqual([
      expect.stringMatching(/services\[0\]\.dependsOn\[0\]: "redis" is not a service in this catalog/),
    ]);
    expect(problems(GOOD.replace("slug: postgres", "slug: beacon-runner"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/services\[1\]\.slug: "beacon-runner" is already used by services\[0\]/)]),
    );
    expect(problems(`${GOOD}    dependsOn: [beacon-runner]\n`)).toEqual([expect.stringMatching(/dependency cycle: beacon-runner → postgres → beacon-runner/)]);
    expect(problems(GOOD.replace("danger: caution", "danger: caution\n        rollback: undo"))).toEqual([
      expect.stringMatching(/actions\[0\]\.rollback: "undo" is not an action of beacon-runner/),
    ]);
    expect(problems(GOOD.replace("default: all", "default: sendgrid"))).toEqual([
      expect.stringMatching(/params\.provider\.default: must be one of all, stripe, twilio/),
    ]);
  });

  it("needs exactly one executor per action, and a source for each panel", () => {
    expect(problems(GOOD.replace("        http:\n", "        command: { argv: [systemctl, restart, runner] }\n        http:\n"))).toEqual([
      expect.stringMatching(/actions\[0\]: needs exactly one executor/),
    ]);
    expect(problems(GOOD.replace("      scrape: http://127.0.0.1:4101/metrics", "      interval: 30s"))).toEqual([
      expect.stringMatching(/panels\[0\]\.metric: needs metrics\.scrape/),
    ]);
  });

  it("reports YAML syntax errors and duplicate keys with their position", () => {
    expect(problems("services:\n  - slug: [unclosed\n")).toEqual([expect.stringMatching(/^demo\.yaml:\d+:\d+: YAML: /)]);
    expect(problems(GOOD.replace("    team: platform", "    team: platform\n    team: other"))).toEqual([
      expect.stringMatching(/^demo\.yaml:5:5: YAML: .*[Uu]nique/),
    ]);
  });

  it("reads alert rules: a series, an optional `over` (one series or a sum), scale, op, value, for and severity", () => {
    const r = parseCatalog(GOOD + RULES);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    const [errors, latency, heap] = r.catalog.services[2].alertRules as ThresholdRule[];
    expect(errors).toMatchObject({
      name: "HighErrorRate", title: "Error rate on {{service}} is {{value}}%", message: "", scale: 100, op: ">", value: 5, forMs: 300_000, severity: "P2",
      series: { metric: "http_request_errors_total", kind: "rate", labels: {}, by: [] },
      over: [{ metric: "jobs_processed_total", kind: "rate", labels: {}, by: [] }, { metric: "jobs_failed_total", kind: "rate", labels: {}, by: [] }],
    });
    expect(latency).toMatchObject({ forMs: 0, scale: 1, series: { metric: "http_request_duration_seconds", kind: "p95" }, over: undefined, runbook: "agent-node--high-latency" });
    expect(heap.over).toEqual([{ metric: "memory_usage_bytes", labels: { type: "heap_total" }, kind: "gauge", by: [] }]);
    expect(heap.series.labels).toEqual({ type: "heap_used" });
  });

  it("refuses bad alert rules with their line and a sentence saying what to change", () => {
    const bad = (from: string, to: string) => problems(GOOD + RULES.replace(from, to));
    expect(bad("op: \">\"\n        value: 5", "op: gt\n        value: 5")).toEqual([expect.stringMatching(/^demo\.yaml:\d+:\d+: services\[2\]\.alertRules\[0\]\.op: must be ">", ">=", "<" or "<="$/)]);
    expect(bad("is {{value}}%", "is {{valeu}}%")).toEqual([expect.stringMatching(/alertRules\[0\]\.title: \{\{valeu\}\} is not a placeholder: use \{\{service\}\}, \{\{value\}\} or \{\{threshold\}\}$/)]);
    expect(bad("for: 5m", "for: five minutes")).toEqual([expect.stringMatching(/alertRules\[0\]\.for: must be a duration like/)]);
    expect(bad("severity: P2", "severity: critical")).toEqual([expect.stringMatching(/alertRules\[0\]\.severity: must be P1, P2, P3 or P4$/)]);
    expect(bad("name: HighLatency", "name: HighErrorRate")).toEqual([expect.stringMatching(/alertRules\[1\]\.name: "HighErrorRate" is already an alert rule of agent-node$/)]);
    expect(bad("name: HighLatency", "name: 'high latency!'")).toEqual([expect.stringMatching(/alertRules\[1\]\.name: must be an alert name like HighErrorRate$/)]);
    expect(bad("        metric: http_request_duration_seconds\n", "")).toEqual([expect.stringMatching(/alertRules\[1\]: needs exactly one of metric \(a scraped metric\) or query \(PromQL\)$/)]);
    expect(bad("kind: p95", "kind: p95\n        query: 'histogram_quantile(0.95, x)'")).toEqual([expect.stringMatching(/alertRules\[1\]: needs exactly one of metric/)]);
    expect(bad("        kind: p95\n", "        kind: ratio\n")).toEqual([expect.stringMatching(/alertRules\[1\]\.kind: kind: ratio needs a denominator metric$/)]);
    // A single `over` is named as written, not as the list it is read as.
    expect(bad("labels: { type: heap_total } }", "labels: { type: heap_total }, denominator: x }")).toEqual([
      expect.stringMatching(/^demo\.yaml:\d+:\d+: services\[2\]\.alertRules\[2\]\.over\.denominator: a denominator is read only with kind: ratio$/),
    ]);
    expect(bad("labels: { type: heap_total } }", "labels: { type: heap_total }, by: [type] }")).toEqual([
      expect.stringMatching(/services\[2\]\.alertRules\[2\]\.over\.by: is not a catalog field \(a typo\?\)$/),
    ]);
    expect(bad("        value: 90\n", "        value: 90\n        treshold: 90\n")).toEqual([expect.stringMatching(/alertRules\[2\]\.treshold: is not a catalog field/)]);
  });

  it("needs the scrape endpoint for a metric rule and a Prometheus server for a query rule", () => {
    const noScrape = (GOOD + RULES).replace("    metrics: { scrape: http://127.0.0.1:4102/metrics }\n", "");
    expect(problems(noScrape)).toEqual(["HighErrorRate", "HighLatency", "MemoryUsageHigh"].map((_, j) => expect.stringMatching(new RegExp(`alertRules\\[${j}\\]\\.metric: needs metrics\\.scrape: the URL to read it from$`))));
    const query = `  - slug: via-prom
    name: Via Prometheus
    metrics: { scrape: http://127.0.0.1:4103/metrics }
    alertRules:
      - { name: Errors, title: Errors, query: 'sum(rate(errors_total[5m]))', op: ">", value: 1, severity: P3, kind: rate }
`;
    expect(problems(GOOD + query)).toEqual([
      expect.stringMatching(/alertRules\[0\]\.kind: a query rule computes its value in PromQL: drop it$/),
    ]);
    expect(problems(GOOD + query.replace(", kind: rate", ""))).toEqual([expect.stringMatching(/alertRules\[0\]\.query: needs metrics\.prometheus: the server to run it on$/)]);
  });

  it("refuses an empty file with a clear message", () => {
    expect(problems("")).toEqual([expect.stringMatching(/services: /)]);
  });
});
