// A rule's value at each evaluation step, from the samples the poller stored (with the panels'
// own math, so a rule and its chart agree) or from a PromQL range query. Pure.
import { computeLines, namesFor, type StoredSeries } from "@/lib/health/panel-math";
import type { PromSeries } from "@/lib/health/prometheus";
import type { CatalogAlertRule, CatalogSeries, CatalogService } from "@/lib/services/catalog-schema";
import type { ThresholdRule } from "@/lib/services/catalog-alert-rule";
import type { Op } from "@/lib/alerts/rules/judge";

/** Steps one interval apart ending now, oldest first; rates over 4 intervals, gauges' last value within 2, as on panels. */
export type RuleGrid = { steps: number[]; stepMs: number; windowMs: number; lookbackMs: number; forSteps: number; staleSteps: number };

/** No data for this many steps (or the `for` window, if longer) resolves a firing alert. */
export const STALE_STEPS = 5;

/** How often a rule's data arrives: the poller's check interval for scraped metrics, the metrics interval for PromQL. */
export function stepOf(s: CatalogService, r: ThresholdRule): number {
  if (r.series.query) return s.metrics?.interval ?? 15_000;
  return s.health?.interval ?? s.metrics?.interval ?? 15_000;
}

export function ruleGrid(stepMs: number, forMs: number, now: number): RuleGrid {
  const forSteps = Math.ceil(forMs / stepMs);
  const staleSteps = Math.max(forSteps, STALE_STEPS);
  const steps = Array.from({ length: staleSteps + 1 }, (_, i) => now - (staleSteps - i) * stepMs);
  return { steps, stepMs, windowMs: 4 * stepMs, lookbackMs: 2 * stepMs, forSteps, staleSteps };
}

const lines = (r: ThresholdRule): CatalogSeries[] => [r.series, ...(r.over ?? [])];

/** The sample names a scraped rule reads. */
export const ruleNames = (r: ThresholdRule): string[] => (r.series.query ? [] : lines(r).flatMap(namesFor));

/** The metric names the poller must keep for a rule (check.ts stores only what something reads); a health rule reads none. */
export const ruleMetrics = (r: CatalogAlertRule): string[] =>
  r.type === "health" ? [] : lines(r).flatMap((s) => [s.metric, s.denominator]).filter((m): m is string => Boolean(m));

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

function lineValues(s: CatalogSeries, stored: StoredSeries[], g: RuleGrid): (number | null)[] {
  const [line] = computeLines(s, stored, g, "");
  return line ? line.points.map((p) => finite(p.v)) : g.steps.map(() => null);
}

/** The rule's value at each step: the series, divided by the sum of `over` (no data or zero: no value), times `scale`. */
export function ruleValues(r: ThresholdRule, stored: StoredSeries[], g: RuleGrid): (number | null)[] {
  const top = lineValues(r.series, stored, g);
  const overs = (r.over ?? []).map((o) => lineValues(o, stored, g));
  return top.map((v, i) => {
    if (v === null) return null;
    if (!overs.length) return finite(v * r.scale);
    // As in PromQL, a sum with a series missing has no value: failed / (processed + failed)
    // must not read 100% because processed is absent.
    const parts = overs.map((o) => o[i]);
    if (parts.some((x) => x === null)) return null;
    const den = (parts as number[]).reduce((a, b) => a + b, 0);
    return den !== 0 ? finite((v / den) * r.scale) : null;
  });
}

/**
 * A PromQL result on the rule's steps. Several series (one per label set) are judged by the one
 * closest to tripping: the highest for ">" rules, the lowest for "<" rules.
 */
export function promValues(series: PromSeries[], g: RuleGrid, op: Op, scale: number): (number | null)[] {
  const worse = op.startsWith(">") ? Math.max : Math.min;
  return g.steps.map((t) => {
    let out: number | null = null;
    for (const s of series) {
      const v = finite(s.points.find((p) => Math.abs(p.t - t) < g.stepMs / 2)?.v);
      if (v !== null) out = out === null ? v : worse(out, v);
    }
    return out === null ? null : finite(out * scale);
  });
}
