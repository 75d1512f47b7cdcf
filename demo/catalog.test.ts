// demo/catalog.yaml against the running demo fleet: it parses with no problems, its health and
// scrape URLs answer, each action is an admin endpoint that accepts its body, and every panel
// reads a metric (with its labels) that the service really serves.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alertKey } from "@/lib/alerts/runbook-link";
import { namesFor } from "@/lib/health/panel-math";
import { runbookSlug } from "@/lib/runbooks/derive";
import { DEMO_RUNBOOKS } from "@/lib/runbooks/demo";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";
import { CATALOG_TEXT, until, setupFleet, type Json } from "./testing";

const f = setupFleet();
const path = (url: string) => new URL(url).pathname;

describe("demo/catalog.yaml", () => {
  it("parses with no problems, lists every fleet service, and judges the healthy fleet up", async () => {
    const parsed = parseCatalog(CATALOG_TEXT, "demo/catalog.yaml", { SITREP_FLEET_URL: f.url });
    expect(parsed.ok ? [] : parsed.problems.map(formatProblem)).toEqual([]);
    expect(f.catalog.services.map((s) => s.slug).sort()).toEqual(f.index.services.map((s: Json) => s.slug).sort());
    for (const s of f.catalog.services) {
      for (const url of [s.health!.url, s.metrics!.scrape!]) {
        expect(url.startsWith(`${f.url}/${s.slug}/`), url).toBe(true);
        expect((await f.api.get(path(url))).status, url).toBe(200);
      }
    }
    await until("every service judged up by its catalog fields", async () => (await f.notUp()) || true);
  });

  it("falls back to http://127.0.0.1:4700 without SITREP_FLEET_URL", () => {
    const parsed = parseCatalog(CATALOG_TEXT, "demo/catalog.yaml", {});
    expect(parsed.ok && parsed.catalog.services.every((s) => s.health!.url.startsWith("http://127.0.0.1:4700/"))).toBe(true);
  });

  it("has one action per admin endpoint, with matching params, and the fleet accepts each one's body", async () => {
    for (const s of f.catalog.services) {
      const admin = f.listed(s.slug).admin;
      expect(s.actions.map((a) => a.name).sort(), s.slug).toEqual(admin.map((a: Json) => a.name).sort());
      for (const a of s.actions) {
        const endpoint = admin.find((x: Json) => x.name === a.name);
        expect([a.http!.method, a.http!.url, a.http!.headers.Authorization]).toEqual(["POST", endpoint.url, "Bearer ${env:SITREP_FLEET_TOKEN}"]);
        expect(Object.keys(a.params).sort(), `${s.slug} ${a.name}`).toEqual(Object.keys(endpoint.params).sort());
        const values: Record<string, string> = {};
        for (const [name, p] of Object.entries(a.params)) {
          const theirs = endpoint.params[name];
          expect(p.type).toBe(theirs.type);
          if (p.type === "enum") expect(theirs.values).toEqual(expect.arrayContaining(p.values));
          if (p.type === "integer") expect([p.min >= theirs.min, p.max <= theirs.max]).toEqual([true, true]);
          if (p.type === "string") expect(p.pattern).toBe(theirs.pattern);
          values[name] = String(p.default ?? (p.type === "enum" ? p.values[0] : p.type === "integer" ? p.min : ""));
        }
        // The body as an executor would send it: {{param}} filled in, numbers as text.
        const body = JSON.parse(JSON.stringify(a.http!.body ?? {}).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k]));
        const r = await f.api.post(path(a.http!.url), body);
        expect([200, 409], `${s.slug} ${a.name}: ${r.text}`).toContain(r.status);
      }
      for (const fault of f.listed(s.slug).faults) expect(s.actions.map((a) => a.name), `${s.slug} ${fault.name}`).toContain(fault.recovery.action);
    }
  });

  it("reads only metrics and labels each service's /metrics serves", async () => {
    for (const s of f.catalog.services) {
      const samples = (await f.api.metrics(s.slug))!;
      for (const [i, p] of s.panels.entries()) {
        for (const line of p.series) {
          const names = ["p50", "p95", "p99"].includes(line.kind) ? [`${line.metric}_bucket`] : [line.metric!, ...(line.denominator ? [line.denominator] : [])];
          for (const name of names) {
            const found = samples.filter((x) => x.name === name && Object.entries(line.labels).every(([k, v]) => x.labels[k] === v));
            expect(found.length, `${s.slug} panels[${i}] ${name}`).toBeGreaterThan(0);
            for (const label of line.by) expect(found.every((x) => label in x.labels), `${s.slug} ${name} by ${label}`).toBe(true);
          }
        }
      }
      expect(s.panels.filter((p) => p.key).length, `${s.slug} key panels`).toBeGreaterThanOrEqual(2);
    }
  });

  it("has alert rules that read what each service serves, each linked to a seed runbook", async () => {
    const runbooks = DEMO_RUNBOOKS.flatMap(({ file }) =>
      parseRunbookDocument(readFileSync(new URL(`./runbooks/${file}`, import.meta.url), "utf8"), file).runbooks.map((r) => ({ slug: runbookSlug(file, r.key), alerts: r.alerts.map(alertKey) })));
    const rules = f.catalog.services.flatMap((s) => s.alertRules.map((r) => ({ s, r })));
    expect(rules.length).toBeGreaterThanOrEqual(20);
    for (const { s, r } of rules) {
      const linked = r.runbook ? runbooks.filter((b) => b.slug === r.runbook) : runbooks.filter((b) => b.alerts.includes(alertKey(r.name)));
      expect(linked.length, `${s.slug} ${r.name}: the runbook it links`).toBe(1);
      if (r.type === "health") continue;
      const samples = (await f.api.metrics(s.slug))!;
      for (const line of [r.series, ...(r.over ?? [])]) {
        for (const name of namesFor(line)) {
          const found = samples.filter((x) => x.name === name && Object.entries(line.labels).every(([k, v]) => x.labels[k] === v));
          expect(found.length, `${s.slug} ${r.name} reads ${name} ${JSON.stringify(line.labels)}`).toBeGreaterThan(0);
        }
      }
    }
    // The seed agent-node's alerts, as its runbook states them.
    const agent = Object.fromEntries(f.service("agent-node").alertRules.map((r) => [r.name, r.type === "threshold" ? [r.op, r.value, r.forMs, r.scale] : [r.health, r.forMs]]));
    expect(agent).toMatchObject({ HighErrorRate: [">", 5, 300_000, 100], HighLatency: [">", 2, 300_000, 1], MemoryUsageHigh: [">", 90, 600_000, 100], AIProviderErrors: [">", 10, 300_000, 100] });
    // Every service whose seed runbook has a "down" alert has a health rule for it, 1 minute,
    // linked to the runbook that says what to do (by its alert name for RunnerDown).
    const down = rules.filter(({ r }) => r.type === "health").map(({ s, r }) => [s.slug, r.name, r.type === "health" && r.health, r.forMs, r.severity, r.runbook ?? null]);
    expect(down).toEqual([
      ["beacon-runner", "RunnerDown", "down", 60_000, "P1", null],
      ["fondation-worker", "WorkerDown", "down", 60_000, "P1", "fondation-worker-runbook--worker-not-processing-jobs"],
      ["nats", "NatsServerDown", "down", 60_000, "P1", "beamline-router-recovery--nats-recovery"],
      ["aitbc-coordinator", "CoordinatorDown", "down", 60_000, "P1", "aitbc-incident-runbooks--coordinator-api-outage"],
      ["aitbc-postgres", "PostgresDown", "down", 60_000, "P1", "aitbc-incident-runbooks--database-failure"],
      ["aitbc-redis", "RedisDown", "down", 60_000, "P2", "aitbc-incident-runbooks--redis-failure"],
      ["agent-node", "AgentNodeDown", "down", 60_000, "P1", "agent-node-operational-runbook--service-wont-start"],
    ]);
    expect(runbooks.find((b) => b.alerts.includes(alertKey("RunnerDown")))?.slug).toBe("beacon-runner-runbook--runner-down");
    const short = parseCatalog(CATALOG_TEXT, "demo/catalog.yaml", { SITREP_FLEET_URL: f.url, SITREP_DEMO_RULE_FOR: "3s" });
    expect(short.ok && short.catalog.services.flatMap((s) => s.alertRules.map((r) => r.forMs))).toEqual(rules.map(() => 3000));
  });
});
