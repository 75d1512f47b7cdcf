import http from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRange, seriesLabel, type PromResult, type PromSeries } from "@/lib/health/prometheus";
import { PROMETHEUS_BIN, prometheusAvailable, startPrometheus } from "@/scripts/testing/prometheus.mjs";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function shut(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

const lastValue = (s: PromSeries) => s.points.findLast((p) => p.v !== null)?.v ?? null;
const range = () => ({ start: Date.now() - 10_000, end: Date.now(), stepMs: 1000 });

function seriesOf(result: PromResult): PromSeries[] {
  if (!result.ok) throw new Error(result.error);
  return result.series;
}

describe("queryRange against servers that misbehave", () => {
  let fake: { server: http.Server; url: string };
  let respond: Handler = (_req, res) => res.end();

  beforeAll(async () => {
    fake = await serve((req, res) => respond(req, res));
  });
  afterAll(() => shut(fake.server));

  const json = (body: unknown): Handler => (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  it("turns non-finite values into nulls and fills missing steps with null gaps", async () => {
    const values = [[100, "1"], [101, "+Inf"], [104, "NaN"], [105, "2.5"]];
    respond = json({ status: "success", data: { resultType: "matrix", result: [{ metric: { job: "a" }, values }] } });
    const [s] = seriesOf(await queryRange(fake.url, "x", { start: 100_000, end: 105_000, stepMs: 1000 }));
    expect(s.labels).toEqual({ job: "a" });
    expect(s.points.map((p) => [p.t, p.v])).toEqual([[100_000, 1], [101_000, null], [102_000, null], [103_000, null], [104_000, null], [105_000, 2.5]]);
  });

  it("tolerates vector and scalar answers as a single point", async () => {
    respond = json({ status: "success", data: { resultType: "vector", result: [{ metric: { __name__: "up" }, value: [200.5, "1"] }] } });
    expect(seriesOf(await queryRange(fake.url, "up", range()))).toEqual([{ labels: { __name__: "up" }, points: [{ t: 200_500, v: 1 }] }]);
    respond = json({ status: "success", data: { resultType: "scalar", result: [300, "-Inf"] } });
    expect(seriesOf(await queryRange(fake.url, "1/0", range()))).toEqual([{ labels: {}, points: [{ t: 300_000, v: null }] }]);
  });

  it("says so when something other than Prometheus answers", async () => {
    respond = (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Login</title>");
    const r = await queryRange(fake.url, "up", range());
    expect(r).toEqual({ ok: false, error: `Prometheus at ${fake.url} returned something that is not a Prometheus API response (HTTP 200, text/html)` });
    respond = json({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: "no" }] } });
    expect((await queryRange(fake.url, "up", range())).ok).toBe(false);
  });

  it("stops reading a response over maxBytes", async () => {
    respond = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no length to check up front
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 32; i++) res.write(chunk);
      res.end();
    };
    const r = await queryRange(fake.url, "up", range(), { maxBytes: 1024 * 1024 });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/answered with more than 1 MB; narrow the query/) });
  });

  it("follows a redirect on the same host but not to another one", async () => {
    respond = (req, res) => {
      if (req.url?.startsWith("/prom/")) return json({ status: "success", data: { resultType: "matrix", result: [] } })(req, res);
      const to = req.url?.includes("other") ? "http://192.0.2.1/api/v1/query_range" : `/prom${req.url}`;
      res.writeHead(302, { location: to }).end();
    };
    expect(await queryRange(fake.url, "up", range())).toEqual({ ok: true, series: [] });
    const r = await queryRange(fake.url, "other", range());
    expect(r.ok || r.error).toBe(`Prometheus at ${fake.url} redirected to http://192.0.2.1; only redirects on the same host are followed`);
  });

  it("gives up on a server that never answers", async () => {
    const hang = await serve(() => {});
    const started = Date.now();
    const r = await queryRange(`${hang.url}/`, "up", range(), { timeoutMs: 300 });
    await shut(hang.server);
    expect(r).toEqual({ ok: false, error: `Prometheus at ${hang.url}: timeout after 0.3 s` });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("calls a closed port unreachable and a non-URL invalid", async () => {
    const gone = await serve(() => {});
    await shut(gone.server);
    expect(await queryRange(gone.url, "up", range())).toEqual({ ok: false, error: `Prometheus at ${gone.url} is unreachable (connection refused)` });
    expect(await queryRange("prometheus:9090", "up", range())).toMatchObject({ ok: false, error: expect.stringMatching(/not an http/) });
  });

  it("names series like Grafana legends", () => {
    const labels = { __name__: "breaker_open", provider: "twilio", region: "eu" };
    expect(seriesLabel(labels, "{{provider}} open")).toBe("twilio open");
    expect(seriesLabel(labels, "{{ region }}/{{missing}}")).toBe("eu/");
    expect(seriesLabel(labels)).toBe("provider=twilio, region=eu");
    expect(seriesLabel({ __name__: "up" })).toBe("up");
    expect(seriesLabel({}, "  ")).toBe("{}");
  });
});

const available = prometheusAvailable();
const SKIPPED = `prometheus binary not found at ${PROMETHEUS_BIN}; install Debian's prometheus package (.ci/run does) to run these tests`;
if (!available) console.warn(SKIPPED);

(available ? describe : describe.skip)(available ? "queryRange against a real Prometheus" : SKIPPED, () => {
  const registry = new Registry();
  const requests = new Counter({ name: "sitrep_test_requests_total", help: "requests", labelNames: ["provider"], registers: [registry] });
  const depth = new Gauge({ name: "sitrep_test_queue_depth", help: "queue depth", registers: [registry] });
  const latency = new Histogram({ name: "sitrep_test_latency_seconds", help: "latency", labelNames: ["route"], buckets: [0.05, 0.1, 0.25, 0.5, 1], registers: [registry] });
  let target: { server: http.Server; url: string };
  let prom: Awaited<ReturnType<typeof startPrometheus>>;
  let ticker: NodeJS.Timeout;

  beforeAll(async () => {
    depth.set(42);
    let tick = 0;
    // 10/s for provider a, 30/s for b; one observation in ten at 0.4 s, the rest at 0.07 s, so p95 lies in (0.25, 0.5]
    ticker = setInterval(() => {
      requests.inc({ provider: "a" });
      requests.inc({ provider: "b" }, 3);
      for (const route of ["/jobs", "/outbox"]) latency.observe({ route }, tick % 10 === 0 ? 0.4 : 0.07);
      tick++;
    }, 100);
    target = await serve(async (_req, res) => res.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics()));
    prom = await startPrometheus({ jobs: [{ name: "sitrep-test", targets: [target.url.replace("http://", "")], scrapeInterval: "1s", scrapeTimeout: "1s" }] });
    await prom.waitForTargets(15_000);
    // Enough scrapes for rate(...[5s]) to see several samples
    for (let samples = 0; samples < 5; await new Promise((r) => setTimeout(r, 250))) {
      const [s] = seriesOf(await queryRange(prom.url, "count_over_time(sitrep_test_queue_depth[1m])", range()));
      samples = (s && lastValue(s)) ?? 0;
    }
  }, 25_000);

  afterAll(async () => {
    clearInterval(ticker);
    await prom?.stop();
    if (target) await shut(target.server);
  });

  it("reads a gauge back as set, on the step grid", async () => {
    const r = range();
    const [s, ...rest] = seriesOf(await queryRange(prom.url, "sitrep_test_queue_depth", r));
    expect(rest).toHaveLength(0);
    expect(lastValue(s)).toBe(42);
    expect(s.labels).toMatchObject({ __name__: "sitrep_test_queue_depth", job: "sitrep-test" });
    expect(s.points.every((p) => (p.t - r.start) % 1000 === 0)).toBe(true);
  });

  it("charts a counter's rate near its real speed, one series per label", async () => {
    const series = seriesOf(await queryRange(prom.url, "rate(sitrep_test_requests_total[5s])", range()));
    const byProvider = Object.fromEntries(series.map((s) => [s.labels.provider, lastValue(s)]));
    expect(byProvider.a).toBeGreaterThan(7);
    expect(byProvider.a).toBeLessThan(13);
    expect(byProvider.b).toBeGreaterThan(21);
    expect(byProvider.b).toBeLessThan(39);
  });

  it("computes a histogram quantile inside the right bucket", async () => {
    const [s] = seriesOf(await queryRange(prom.url, "histogram_quantile(0.95, sum by (le) (rate(sitrep_test_latency_seconds_bucket[10s])))", range()));
    expect(lastValue(s)).toBeGreaterThan(0.25);
    expect(lastValue(s)).toBeLessThanOrEqual(0.5);
  });

  it("names `sum by` series with legends", async () => {
    const series = seriesOf(await queryRange(prom.url, "sum by (provider) (rate(sitrep_test_requests_total[5s]))", range()));
    expect(series.map((s) => seriesLabel(s.labels, "{{provider}} open")).sort()).toEqual(["a open", "b open"]);
    expect(series.map((s) => seriesLabel(s.labels)).sort()).toEqual(["provider=a", "provider=b"]);
  });

  it("charts division by zero as gaps, not infinities", async () => {
    const [s] = seriesOf(await queryRange(prom.url, "sitrep_test_queue_depth / 0", range()));
    expect(s.points.length).toBeGreaterThan(0);
    expect(s.points.every((p) => p.v === null)).toBe(true);
  });

  it("passes on Prometheus' own parse error and refuses oversized answers", async () => {
    const bad = await queryRange(prom.url, "sum(rate(", range());
    expect(bad.ok || bad.error).toMatch(new RegExp(`^Prometheus at ${prom.url} answered HTTP 400: .*parse error`));
    const big = await queryRange(prom.url, "sitrep_test_latency_seconds_bucket", range(), { maxBytes: 200 });
    expect(big.ok || big.error).toBe(`Prometheus at ${prom.url} answered with more than 200 bytes; narrow the query to fewer series or use a larger step`);
  });
});
