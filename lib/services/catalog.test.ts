import { describe, expect, it } from "vitest";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";

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

  it("refuses an empty file with a clear message", () => {
    expect(problems("")).toEqual([expect.stringMatching(/services: /)]);
  });
});
