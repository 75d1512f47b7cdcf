import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { targetsFromCatalog } from "@/lib/health/check";
import { Poller, DEFAULT_POLLER_OPTIONS } from "@/lib/health/poller";
import { createPollerRuntime } from "@/lib/health/runtime";
import { declareIncident } from "@/lib/incidents/mutations";
import { parseCatalog } from "@/lib/services/catalog";
import { storeCatalog } from "@/lib/services/catalog-store";
import { getPanelData, getService, listServicesBySlug } from "@/lib/services/queries";
import { uniqueEmail } from "@/lib/testing/db";

// A real HTTP service whose health and counter the test controls, polled by the real poller and
// stored in the real database.
const tag = uniqueEmail("svc").split("@")[0].replace(/[^a-z0-9-]/g, "-");
const slug = `${tag}-api`;
const dep = `${tag}-db`;
let healthy = true;
let jobs = 0;
let server: http.Server;
let base = "";

const catalogText = () => `services:
  - slug: ${dep}
    name: Test database
    health: { url: "${base}/db/health", timeout: 1s }
  - slug: ${slug}
    name: Test API
    dependsOn: [${dep}]
    health:
      url: "${base}/health"
      timeout: 1s
      fields:
        - { path: "breakers[].state", label: Breaker, ok: [closed] }
    metrics: { scrape: "${base}/metrics" }
    panels:
      - { title: Jobs per second, metric: jobs_total, kind: rate, key: true }
`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      return res.end(JSON.stringify({ breakers: [{ name: "payments", state: healthy ? "closed" : "open" }] }));
    }
    if (req.url === "/db/health") return res.end(JSON.stringify({ ok: healthy }), void res.writeHead(healthy ? 200 : 500));
    if (req.url === "/metrics") return res.end(`# TYPE jobs_total counter\njobs_total ${(jobs += 150)}\n# TYPE other gauge\nother 1\n`);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const parsed = parseCatalog(catalogText(), "test-catalog.yaml");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  await storeCatalog({ id: null, label: "poller-test" }, { ok: true, catalog: parsed.catalog, text: catalogText(), file: "test-catalog.yaml" }, "catalog.load");
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("poller → database", () => {
  it("stores status, sub-checks, uptime and only the panels' metric families", async () => {
    const { record, targets } = createPollerRuntime();
    const poller = new Poller({ leadership: null, targets, record }, DEFAULT_POLLER_OPTIONS);
    const mine = (await targets()).filter((t) => t.slug === slug || t.slug === dep);
    await poller.pollOnce(mine);
    const detail = await getService(slug);
    expect(detail).toMatchObject({ status: "up", checkStatus: "up", uptime24h: 1, subChecks: [{ label: "Breaker · payments", value: "closed", ok: true }] });
    const names = await db.metricSeries.findMany({ where: { slug }, select: { name: true } });
    expect(names.map((n) => n.name)).toEqual(["jobs_total"]);
  });

  it("writes a status change on the timeline of open incidents, and shows a failing dependent as impacted", async () => {
    const incident = await declareIncident({ id: null, label: "poller-test" }, { title: `Outage ${tag}`, severity: "P2", services: [slug], summary: "" });
    const { record, targets } = createPollerRuntime();
    const poller = new Poller({ leadership: null, targets, record }, DEFAULT_POLLER_OPTIONS);
    const mine = (await targets()).filter((t) => t.slug === slug || t.slug === dep);
    healthy = false;
    await poller.pollOnce(mine);
    const [api, database] = await listServicesBySlug([slug, dep]);
    expect(database).toMatchObject({ status: "down", reason: "HTTP 500" });
    expect(api).toMatchObject({ status: "impacted", checkStatus: "down", reason: `depends on ${dep}, which is down (own check: HTTP 503)` });
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, kind: "health" }, select: { data: true } });
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ service: slug, from: "up", to: "down", status: "impacted" })]);
    const audit = await db.auditEntry.findMany({ where: { targetType: "service", targetId: { in: [slug, dep] }, verb: "service.status" } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
    healthy = true;
    await poller.pollOnce(mine);
    expect((await listServicesBySlug([slug]))[0].status).toBe("up");
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id, kind: "health" } })).toBe(2);
  });

  it("charts a counter's rate from the stored samples", async () => {
    const { record, targets } = createPollerRuntime();
    const t = (await targets()).find((x) => x.slug === slug)!;
    const poller = new Poller({ leadership: null, targets, record }, DEFAULT_POLLER_OPTIONS);
    for (let i = 0; i < 3; i++) {
      await poller.pollOnce([t]);
      await new Promise((r) => setTimeout(r, 1100));
    }
    const panel = await getPanelData(slug, 0, "15m");
    expect(panel).toMatchObject({ title: "Jobs per second", source: "direct", promql: ["sum(rate(jobs_total[60s]))"], error: null });
    const values = panel!.series[0].points.map((p) => p.v).filter((v): v is number => v !== null);
    // 150 per scrape, scrapes about 1.1 s apart: a rate near 130/s.
    expect(values.at(-1)!).toBeGreaterThan(60);
    expect(targetsFromCatalog({ services: [], notifications: [] })).toEqual([]);
  });
});

describe("panel data over long ranges", () => {
  it("reads a few samples per step (the binned query) without error", async () => {
    for (const range of ["6h", "24h"] as const) {
      const panel = await getPanelData(slug, 0, range);
      expect(panel?.error).toBeNull();
      // Its seconds-old samples fall into one or two bins: the line exists, the rate needs longer history.
      expect(panel?.series.map((x) => x.label)).toEqual(["jobs_total"]);
    }
  });
});
