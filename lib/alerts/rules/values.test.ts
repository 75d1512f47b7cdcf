import { describe, expect, it } from "vitest";
import type { StoredSeries } from "@/lib/health/panel-math";
import { alertRule, type ThresholdRule } from "@/lib/services/catalog-alert-rule";
import { promValues, ruleGrid, ruleMetrics, ruleNames, ruleValues } from "@/lib/alerts/rules/values";

const rule = (fields: Record<string, unknown>) => alertRule.parse({ name: "Test", title: "t", op: ">", value: 1, severity: "P3", ...fields }) as ThresholdRule;
/** A sample every second from t=0, as the poller stores them. */
const series = (name: string, n: number, f: (i: number) => number, labels: Record<string, string> = {}): StoredSeries =>
  ({ name, labels, points: Array.from({ length: n }, (_, i) => ({ t: i * 1000, v: f(i) })) });
const NOW = 20_000;

describe("rule grid", () => {
  it("steps one interval apart ending now, long enough for the `for` window and the no-data window", () => {
    const g = ruleGrid(1000, 3000, NOW);
    expect(g).toMatchObject({ stepMs: 1000, windowMs: 4000, lookbackMs: 2000, forSteps: 3, staleSteps: 5 });
    expect(g.steps).toEqual([15_000, 16_000, 17_000, 18_000, 19_000, 20_000]);
    expect(ruleGrid(15_000, 300_000, NOW)).toMatchObject({ forSteps: 20, staleSteps: 20 });
    // A window that is not a whole number of steps is rounded up: never shorter than asked.
    expect(ruleGrid(15_000, 20_000, NOW).forSteps).toBe(2);
    expect(ruleGrid(15_000, 0, NOW).forSteps).toBe(0);
  });
});

describe("rule values from stored samples", () => {
  it("error rate: a counter's rate over the sum of `over`, in percent", () => {
    const r = rule({ metric: "errors_total", kind: "rate", over: [{ metric: "ok_total", kind: "rate" }, { metric: "errors_total", kind: "rate" }], scale: 100 });
    const stored = [series("errors_total", 21, (i) => i * 10), series("ok_total", 21, (i) => i * 90)];
    expect(ruleValues(r, stored, ruleGrid(1000, 3000, NOW))).toEqual([10, 10, 10, 10, 10, 10]);
    expect(ruleNames(r)).toEqual(["errors_total", "ok_total", "errors_total"]);
    expect(ruleMetrics(r)).toEqual(["errors_total", "ok_total", "errors_total"]);
  });

  it("heap used / total from one gauge's labels", () => {
    const r = rule({ metric: "memory_usage_bytes", labels: { type: "heap_used" }, over: { metric: "memory_usage_bytes", labels: { type: "heap_total" } }, scale: 100 });
    const stored = [series("memory_usage_bytes", 21, () => 95, { type: "heap_used" }), series("memory_usage_bytes", 21, () => 100, { type: "heap_total" }), series("memory_usage_bytes", 21, () => 500, { type: "rss" })];
    expect(ruleValues(r, stored, ruleGrid(1000, 0, NOW)).at(-1)).toBe(95);
  });

  it("a histogram's p95 and a ratio kind, as the panels compute them", () => {
    const buckets = [["0.5", 90], ["1", 100], ["+Inf", 100]] as const;
    const stored = buckets.map(([le, per]) => series("latency_seconds_bucket", 21, (i) => i * per, { le }));
    const p95 = ruleValues(rule({ metric: "latency_seconds", kind: "p95" }), stored, ruleGrid(1000, 0, NOW)).at(-1)!;
    expect(p95).toBeCloseTo(0.75, 5);
    const ratio = rule({ metric: "used", kind: "ratio", denominator: "size", scale: 100 });
    expect(ruleValues(ratio, [series("used", 21, () => 30), series("size", 21, () => 40)], ruleGrid(1000, 0, NOW)).at(-1)).toBe(75);
  });

  it("has no value where data is missing, where the denominator is zero or absent, and before history begins", () => {
    const r = rule({ metric: "errors_total", kind: "rate", over: { metric: "requests_total", kind: "rate" } });
    const g = ruleGrid(1000, 3000, NOW);
    // Samples only from t=16 s: a rate needs two of them within its 4 s window.
    const late = (name: string, per: number) => ({ ...series(name, 21, (i) => i * per), points: series(name, 21, (i) => i * per).points.filter((p) => p.t >= 16_000) });
    expect(ruleValues(r, [late("errors_total", 1), late("requests_total", 10)], g)).toEqual([null, null, 0.1, 0.1, 0.1, 0.1]);
    expect(ruleValues(r, [series("errors_total", 21, (i) => i)], g)).toEqual([null, null, null, null, null, null]);
    expect(ruleValues(r, [series("errors_total", 21, () => 0), series("requests_total", 21, () => 5)], g)).toEqual([null, null, null, null, null, null]);
    expect(ruleValues(r, [], g).every((v) => v === null)).toBe(true);
  });

  it("reads nothing for a PromQL rule", () => {
    const r = rule({ query: "sum(rate(x[5m]))" });
    expect([ruleNames(r), ruleMetrics(r)]).toEqual([[], []]);
  });
});

describe("rule values from a PromQL range query", () => {
  const g = ruleGrid(1000, 2000, NOW);
  const points = (vs: (number | null)[], from = 15_000) => vs.map((v, i) => ({ t: from + i * 1000, v }));

  it("puts points on the rule's steps, gaps as no value, scaled", () => {
    expect(promValues([{ labels: {}, points: points([0.01, 0.02, null, 0.04, 0.05, 0.06]) }], g, ">", 100)).toEqual([1, 2, null, 4, 5, 6]);
    // A series that starts late leaves the first steps without a value.
    expect(promValues([{ labels: {}, points: points([7, 8], 19_000) }], g, ">", 1)).toEqual([null, null, null, null, 7, 8]);
    expect(promValues([], g, ">", 1).every((v) => v === null)).toBe(true);
  });

  it("judges several series by the one closest to tripping", () => {
    const two = [{ labels: { provider: "a" }, points: points([1, 1, 1, 1, 1, 9]) }, { labels: { provider: "b" }, points: points([3, null, 3, 3, 3, 3]) }];
    expect(promValues(two, g, ">", 1)).toEqual([3, 1, 3, 3, 3, 9]);
    expect(promValues(two, g, "<=", 1)).toEqual([1, 1, 1, 1, 1, 3]);
  });
});
