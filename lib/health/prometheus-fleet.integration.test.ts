// A real Prometheus scraping the demo fleet every second, and Sitrep's PromQL panels reading it
// through getPanelData: the values on the panels are the fleet's (counter rates, a histogram's
// p95, gauges by label), and a fault injected into the fleet shows on them, as does its recovery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPanelData } from "@/lib/services/panels";
import type { PanelData, PanelSeries } from "@/lib/services/types";
import { uniqueEmail } from "@/lib/testing/db";
import { fleetClient, quantileBetween, value, type FleetClient, type Json } from "@/demo/testing";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { startFleet } from "@/demo/fleet.mjs";
import { PROMETHEUS_BIN, prometheusAvailable, startPrometheus } from "@/scripts/testing/prometheus.mjs";

const available = prometheusAvailable();
const SKIPPED = `prometheus binary not found at ${PROMETHEUS_BIN}; install Debian's prometheus package (.ci/run does) to run these tests`;
if (!available) console.warn(SKIPPED);

const TOKEN = "prometheus-fleet-test-token";
const SCRAPED = ["beacon-runner", "agent-node", "aitbc-coordinator"];
const tag = uniqueEmail("prom").split("@")[0];
const [runner, agent, coordinator] = SCRAPED.map((s) => `${tag}-${s}`);

// Each fleet service is one Prometheus job named after its slug; its panels ask for that job.
const catalogText = (prom: string) => `services:
  - slug: ${runner}
    name: Beacon Runner (via Prometheus)
    metrics: { prometheus: "${prom}", interval: 1s }
    panels:
      - { title: Jobs processed, unit: jobs/s, query: 'sum(rate(jobs_processed_total{job="beacon-runner"}[5s]))', legend: processed }
      - { title: HTTP p95 latency, unit: s, query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="beacon-runner"}[10s])))' }
      - { title: Outbox unpublished, query: 'outbox_unpublished_count{job="beacon-runner"}', legend: unpublished }
      - { title: Circuit breakers, query: 'max by (service) (circuit_breaker_state{job="beacon-runner"})', legend: "{{service}}" }
  - slug: ${agent}
    name: Agent Node (via Prometheus)
    metrics: { prometheus: "${prom}", interval: 1s }
    panels:
      - { title: Requests by status, query: 'sum by (status) (rate(http_requests_total{job="agent-node"}[10s]))', legend: "HTTP {{status}}" }
  - slug: ${coordinator}
    name: AITBC Coordinator (via Prometheus)
    metrics: { prometheus: "${prom}", interval: 1s }
    panels:
      - title: Replicas available vs desired
        series:
          - { query: 'sum(kube_deployment_status_replicas_available{job="aitbc-coordinator"})', legend: available }
          - { query: 'sum(kube_deployment_spec_replicas{job="aitbc-coordinator"})', legend: desired }
`;

const last = (s: PanelSeries | undefined) => s?.points.findLast((p) => p.v !== null)?.v ?? null;
const line = (panel: PanelData | null, label: string) => panel?.series.find((s) => s.label === label);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the panel until `ok` holds for it; fails with what it showed last. */
async function panelUntil(what: string, slug: string, index: number, ok: (p: PanelData) => boolean, timeoutMs = 15_000): Promise<PanelData> {
  const deadline = Date.now() + timeoutMs;
  let panel: PanelData | null = null;
  while (Date.now() < deadline) {
    panel = await getPanelData(slug, index, "15m");
    if (panel && !panel.error && ok(panel)) return panel;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify({ error: panel?.error, series: panel?.series.map((s) => [s.label, last(s)]) })}`);
}

describe.skipIf(!available)(available ? "PromQL panels on a real Prometheus scraping the demo fleet" : SKIPPED, () => {
  withRestoredCatalog();
  let fleet: Awaited<ReturnType<typeof startFleet>> | null = null;
  let prom: Awaited<ReturnType<typeof startPrometheus>> | null = null;
  let api: FleetClient;
  /** when Prometheus had scraped every target once, and the fleet's beacon-runner metrics then */
  let scraped: { at: number; metrics: Awaited<ReturnType<FleetClient["metrics"]>> };

  beforeAll(async () => {
    fleet = await startFleet({ port: 0, token: TOKEN, tickMs: 100, log: () => {} });
    api = fleetClient(fleet.url, TOKEN);
    const hostPort = new URL(fleet.url).host;
    prom = await startPrometheus({ jobs: SCRAPED.map((s) => ({ name: s, targets: [hostPort], metricsPath: `/${s}/metrics`, scrapeInterval: "1s", scrapeTimeout: "1s" })) });
    await prom.waitForTargets(15_000);
    scraped = { at: Date.now(), metrics: await api.metrics("beacon-runner") };
    // The catalog in force is global: ours goes in under slugs of its own, the previous one goes back afterwards.
    await loadTestCatalog(catalogText(prom.url), "prometheus-fleet.yaml");
  }, 30_000);

  afterAll(async () => {
    await prom?.stop();
    await fleet?.close();
  });

  it("charts a counter's rate from Prometheus near the fleet's own rate", async () => {
    // A rate over a window reaching back before Prometheus' first scrape reads low: wait for a full one.
    const lastAt = (p: PanelData) => p.series[0]?.points.findLast((x) => x.v !== null)?.t ?? 0;
    const panel = await panelUntil("a rate over a full window of scrapes", runner, 0, (p) => lastAt(p) >= scraped.at + 6_000, 25_000);
    expect(panel).toMatchObject({ title: "Jobs processed", source: "prometheus", error: null, range: "15m", promql: ['sum(rate(jobs_processed_total{job="beacon-runner"}[5s]))'] });
    expect(panel.series.map((s) => s.label)).toEqual(["processed"]);
    const now = await api.metrics("beacon-runner");
    const fleetRate = (value(now, "jobs_processed_total") - value(scraped.metrics, "jobs_processed_total")) / ((Date.now() - scraped.at) / 1000);
    expect(fleetRate).toBeGreaterThan(0.5);
    expect(last(panel.series[0])).toBeGreaterThan(fleetRate * 0.7);
    expect(last(panel.series[0])).toBeLessThan(fleetRate * 1.3);
    expect(panel.series[0].points.every((p) => (p.t - panel.start) % panel.stepMs === 0)).toBe(true);
  });

  it("charts a histogram's p95 near the one the fleet's own buckets give", async () => {
    const panel = await getPanelData(runner, 1, "15m");
    expect(panel).toMatchObject({ source: "prometheus", error: null });
    const fleetP95 = quantileBetween(scraped.metrics, await api.metrics("beacon-runner"), "http_request_duration_seconds", 0.95).value!;
    expect(fleetP95).toBeGreaterThan(0);
    // Both interpolate inside the same buckets, over overlapping stretches of the same traffic.
    expect(last(panel!.series[0])).toBeGreaterThan(fleetP95 * 0.75);
    expect(last(panel!.series[0])).toBeLessThan(fleetP95 * 1.33);
  });

  it("shows gauges and rates of other fleet services, one line per label or query, with their legends", async () => {
    const requests = await getPanelData(agent, 0, "15m");
    expect(requests).toMatchObject({ source: "prometheus", error: null });
    expect(requests!.series.map((s) => s.label).sort()).toEqual(["HTTP 200", "HTTP 500", "HTTP 502"]);
    expect(last(line(requests, "HTTP 200"))).toBeGreaterThan(0);
    expect(last(line(requests, "HTTP 500"))).toBe(0);
    const replicas = await getPanelData(coordinator, 0, "15m");
    const fleetNow = await api.metrics("aitbc-coordinator");
    expect(replicas).toMatchObject({ source: "prometheus", error: null });
    expect([last(line(replicas, "available")), last(line(replicas, "desired"))])
      .toEqual([value(fleetNow, "kube_deployment_status_replicas_available"), value(fleetNow, "kube_deployment_spec_replicas")]);
    expect(value(fleetNow, "kube_deployment_spec_replicas")).toBe(3);
  });

  it("ends every line at now: a step after it would be a window nobody has scraped yet", async () => {
    for (const range of ["15m", "1h", "6h"] as const) {
      const asked = Date.now();
      const panel = await getPanelData(runner, 2, range);
      expect(panel).toMatchObject({ source: "prometheus", error: null });
      expect(panel!.end, range).toBeGreaterThan(asked); // the grid itself runs up to a step ahead
      for (const s of panel!.series) expect(s.points.at(-1)!.t, range).toBeLessThanOrEqual(asked);
    }
  });

  it("follows faults and their recovery: the outbox gauge grows with the fleet's, yagna's breaker reads 1", async () => {
    // The fleet's own outbox value over time, to compare with the panel's points.
    const fleetOutbox: { t: number; v: number }[] = [];
    const sample = async () => {
      const t = Date.now(); // before the read: the value it gets is at least as new as t
      const m = await api.metrics("beacon-runner");
      if (m) fleetOutbox.push({ t, v: value(m, "outbox_unpublished_count") });
    };
    const sampler = setInterval(() => void sample().catch(() => {}), 100);
    try {
      const breakers = ["database", "ipfs", "redis", "yagna"];
      expect(last((await getPanelData(runner, 2, "15m"))!.series[0])).toBeLessThan(10);
      const closed = await getPanelData(runner, 3, "15m");
      expect(closed!.series.map((s) => s.label).sort()).toEqual(breakers);
      expect(breakers.map((b) => last(line(closed, b)))).toEqual([0, 0, 0, 0]);
      for (const fault of ["jobs-stuck-in-queue", "circuit-open"]) expect((await api.post(`/beacon-runner/faults/${fault}`)).status).toBe(200);

      const outbox = await panelUntil("the outbox growing on the panel", runner, 2, (p) => (last(p.series[0]) ?? 0) > 10);
      const point = outbox.series[0].points.findLast((x) => x.v !== null)!;
      // The point is the last scrape (1 s apart) at or before its step, and the outbox only grows:
      // between what the fleet reported 2 s before the step and what it reported at the step.
      await sample();
      expect(point.v!).toBeLessThanOrEqual(fleetOutbox.find((x) => x.t >= point.t)!.v);
      expect(point.v!).toBeGreaterThanOrEqual(fleetOutbox.findLast((x) => x.t <= point.t - 2000)?.v ?? 0);
      const open = await panelUntil("yagna's breaker open on the panel", runner, 3, (p) => last(line(p, "yagna")) === 1);
      expect(breakers.map((b) => last(line(open, b)))).toEqual([0, 0, 0, 1]);

      for (const name of ["jobs-stuck-in-queue", "circuit-open"]) {
        const fault = (await api.get("/beacon-runner/faults")).json.faults.find((x: Json) => x.name === name);
        expect((await api.post(new URL(fault.recovery.url).pathname, fault.recovery.body)).status).toBe(200);
      }
      await panelUntil("the outbox drained on the panel", runner, 2, (p) => (last(p.series[0]) ?? 99) < 10);
      await panelUntil("yagna's breaker closed on the panel", runner, 3, (p) => last(line(p, "yagna")) === 0);
    } finally {
      clearInterval(sampler);
    }
  }, 45_000);
});
