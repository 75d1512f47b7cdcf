import { describe, expect, it } from "vitest";
import { computeLines, type StoredSeries } from "@/lib/health/panel-math";
import { directPromql } from "@/lib/health/promql";
import type { CatalogSeries } from "@/lib/services/catalog-schema";

const line = (over: Partial<CatalogSeries>): CatalogSeries => ({ kind: "gauge", labels: {}, by: [], ...over });
const every15s = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ t: i * 15_000, v: f(i) }));
const grid = { steps: [60_000, 120_000], windowMs: 60_000, lookbackMs: 45_000 };

describe("panel lines from stored samples", () => {
  it("sums a gauge by label and names lines by the label or the legend template", () => {
    const stored: StoredSeries[] = [
      { name: "cb_state", labels: { provider: "openai", tenant: "a" }, points: every15s(9, () => 1) },
      { name: "cb_state", labels: { provider: "openai", tenant: "b" }, points: every15s(9, () => 1) },
      { name: "cb_state", labels: { provider: "anthropic", tenant: "a" }, points: every15s(9, () => 0) },
    ];
    const lines = computeLines(line({ metric: "cb_state", by: ["provider"], legend: "{{provider}} breaker" }), stored, grid, "x");
    expect(lines).toEqual([
      { label: "anthropic breaker", points: [{ t: 60_000, v: 0 }, { t: 120_000, v: 0 }] },
      { label: "openai breaker", points: [{ t: 60_000, v: 2 }, { t: 120_000, v: 2 }] },
    ]);
  });

  it("computes a counter's rate through a restart, and leaves gaps where there is no data", () => {
    // 10/s, then the process restarts at i=6 and counts from 0 again at the same speed.
    const points = every15s(9, (i) => (i < 6 ? i * 150 : (i - 6) * 150 + 150));
    const [jobs] = computeLines(line({ metric: "jobs_total", kind: "rate" }), [{ name: "jobs_total", labels: {}, points }], { ...grid, steps: [60_000, 120_000, 600_000] }, "jobs");
    expect(jobs.points.map((p) => p.v)).toEqual([10, 10, null]);
  });

  it("computes a histogram's p95 over the window's bucket increases, and a ratio of gauges", () => {
    const bucket = (le: string, perStep: number): StoredSeries => ({ name: "lat_bucket", labels: { le }, points: every15s(9, (i) => i * perStep) });
    // Over the window: 50 in ≤0.1, 40 more in ≤0.5, 10 more in ≤1 → p95 is inside (0.5, 1].
    const stored = [bucket("0.1", 50 / 4), bucket("0.5", 90 / 4), bucket("1", 100 / 4), bucket("+Inf", 100 / 4)];
    const [p95] = computeLines(line({ metric: "lat", kind: "p95" }), stored, grid, "p95");
    expect(p95.points[0].v).toBeCloseTo(0.75, 5);
    const heap: StoredSeries[] = [
      { name: "heap_used", labels: {}, points: every15s(9, () => 90) },
      { name: "heap_total", labels: {}, points: every15s(9, () => 100) },
    ];
    expect(computeLines(line({ metric: "heap_used", kind: "ratio", denominator: "heap_total" }), heap, grid, "heap")[0].points[0].v).toBe(0.9);
  });

  it("shows the PromQL each line stands for", () => {
    expect(directPromql(line({ metric: "jobs_total", kind: "rate", labels: { queue: "default" } }), 60)).toBe('sum(rate(jobs_total{queue="default"}[60s]))');
    expect(directPromql(line({ metric: "http_duration_seconds", kind: "p95", by: ["route"] }), 300)).toBe(
      "histogram_quantile(0.95, sum by (le, route)(rate(http_duration_seconds_bucket[300s])))",
    );
    expect(directPromql(line({ metric: "heap_used", kind: "ratio", denominator: "heap_total" }), 60)).toBe("sum(heap_used) / sum(heap_total)");
  });
});
