// A threshold rule written in PromQL, for a service whose metrics live on a Prometheus server: a
// real Prometheus scrapes the demo fleet's agent node every second; evaluateRules asks it for
// the error rate over the rule's steps, and firing and resolving go through the ingest pipeline.
// A Prometheus that cannot be reached is logged and changes nothing.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { evaluateRules, type RuleOutcome } from "@/lib/alerts/rules/evaluate";
import { uniqueEmail } from "@/lib/testing/db";
import { fleetClient, type FleetClient } from "@/demo/testing";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { startFleet } from "@/demo/fleet.mjs";
import { PROMETHEUS_BIN, prometheusAvailable, startPrometheus } from "@/scripts/testing/prometheus.mjs";

const available = prometheusAvailable();
const SKIPPED = `prometheus binary not found at ${PROMETHEUS_BIN}; install Debian's prometheus package (.ci/run does) to run these tests`;
if (!available) console.warn(SKIPPED);

const TOKEN = "rules-prometheus-test-token";
const tag = uniqueEmail("promrule").split("@")[0];
const [agent, unreachable] = [`${tag}-agent-node`, `${tag}-nowhere`];
const ERROR_RATE = 'sum(rate(http_request_errors_total{job="agent-node"}[4s])) / sum(rate(http_requests_total{job="agent-node"}[4s]))';

const catalogText = (prom: string, closed: string) => `services:
  - slug: ${agent}
    name: Agent Node (via Prometheus)
    metrics: { prometheus: "${prom}", interval: 1s }
    alertRules:
      - name: HighErrorRate
        title: "HTTP error rate on {{service}} is {{value}}%"
        query: '${ERROR_RATE}'
        scale: 100
        op: ">"
        value: 5
        for: 3s
        severity: P2
  - slug: ${unreachable}
    name: Nowhere
    metrics: { prometheus: "${closed}", interval: 1s }
    alertRules:
      - { name: NowhereDown, title: "{{service}} is down", query: "up", op: "<", value: 1, severity: P1 }
`;

/** A loopback address nothing listens on. */
async function closedAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}
let closedUrl = "";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const warnings: string[] = [];
const log = { warn: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m) };

/** Evaluates every half second until `key` reaches `result`; fails with the last outcome. */
async function evaluateUntil(key: string, result: RuleOutcome["result"], timeoutMs = 20_000): Promise<RuleOutcome> {
  const deadline = Date.now() + timeoutMs;
  let last: RuleOutcome | undefined;
  while (Date.now() < deadline) {
    last = (await evaluateRules({ log })).find((o) => o.key === key);
    if (last?.result === result) return last;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${key} ${result}; last: ${JSON.stringify(last)}`);
}

describe.skipIf(!available)(available ? "a PromQL threshold rule on a real Prometheus scraping the demo fleet" : SKIPPED, () => {
  withRestoredCatalog();
  let fleet: Awaited<ReturnType<typeof startFleet>> | null = null;
  let prom: Awaited<ReturnType<typeof startPrometheus>> | null = null;
  let api: FleetClient;

  beforeAll(async () => {
    fleet = await startFleet({ port: 0, token: TOKEN, tickMs: 100, log: () => {} });
    api = fleetClient(fleet.url, TOKEN);
    prom = await startPrometheus({ jobs: [{ name: "agent-node", targets: [new URL(fleet.url).host], metricsPath: "/agent-node/metrics", scrapeInterval: "1s", scrapeTimeout: "1s" }] });
    await prom.waitForTargets(15_000);
    closedUrl = await closedAddress();
    await loadTestCatalog(catalogText(prom.url, closedUrl), "rules-prometheus.yaml");
  }, 30_000);

  afterAll(async () => {
    await prom?.stop();
    await fleet?.close();
  });

  it("stays quiet on a healthy node, fires on the error rate Prometheus computes, and resolves after the rollback", async () => {
    const key = `${agent}/HighErrorRate`;
    await sleep(5_000); // a few rate windows of scrapes
    const healthy = (await evaluateRules({ log })).find((o) => o.key === key);
    expect(healthy).toMatchObject({ result: "unchanged", value: 0 });

    expect((await api.post("/agent-node/faults/high-error-rate")).status).toBe(200);
    const fired = await evaluateUntil(key, "fired");
    expect(fired.value).toBeGreaterThan(5);
    const alert = await db.alert.findFirstOrThrow({ where: { group: { source: "rule", groupKey: key } }, include: { incident: true } });
    expect(alert).toMatchObject({ status: "firing", severity: "P2", service: agent, summary: expect.stringMatching(/^HTTP error rate on Agent Node \(via Prometheus\) is [\d.]+%$/) });
    expect(alert.incident).toMatchObject({ status: "triggered", services: [agent] });

    expect((await api.post("/agent-node/admin/rollback-deployment", {})).status).toBe(200);
    const resolved = await evaluateUntil(key, "resolved");
    expect(resolved.value).toBeLessThanOrEqual(5);
    const after = await db.alert.findFirstOrThrow({ where: { id: alert.id }, include: { incident: true } });
    expect(after).toMatchObject({ status: "resolved", incident: { status: "mitigated" } });
  });

  it("logs a Prometheus it cannot reach and sends nothing", async () => {
    warnings.length = 0;
    const outcome = (await evaluateRules({ log })).find((o) => o.key === `${unreachable}/NowhereDown`);
    expect(outcome).toEqual({ key: `${unreachable}/NowhereDown`, value: null, result: "error", incident: null });
    expect(warnings).toContain(`[rules] ${unreachable}/NowhereDown: not evaluated: Prometheus at ${closedUrl} is unreachable (connection refused)`);
    expect(await db.alertGroup.count({ where: { source: "rule", groupKey: { startsWith: `${unreachable}/` } } })).toBe(0);
  });
});
