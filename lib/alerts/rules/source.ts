import "server-only";
import { queryRange } from "@/lib/health/prometheus";
import { loadSamples } from "@/lib/services/panels";
import type { CatalogService } from "@/lib/services/catalog-schema";
import type { ThresholdRule } from "@/lib/services/catalog-alert-rule";
import { promValues, ruleGrid, ruleNames, ruleValues, stepOf, type RuleGrid } from "@/lib/alerts/rules/values";

// Where a service's threshold rules get their values: one read of the stored samples for all its
// scraped rules, and one PromQL range query per query rule.

export type RuleValues =
  | { rule: ThresholdRule; grid: RuleGrid; values: (number | null)[] }
  | { rule: ThresholdRule; error: string };

export const thresholdRules = (s: CatalogService): ThresholdRule[] => s.alertRules.filter((r): r is ThresholdRule => r.type === "threshold");

export async function serviceRuleValues(s: CatalogService, now: number): Promise<RuleValues[]> {
  const rules = thresholdRules(s);
  if (!rules.length) return [];
  const grids = rules.map((r) => ruleGrid(stepOf(s, r), r.forMs, now));
  const names = [...new Set(rules.flatMap(ruleNames))];
  const from = Math.min(...grids.map((g) => g.steps[0] - g.windowMs));
  const stored = names.length ? await loadSamples(s.slug, names, from, now, 0) : [];
  const out: RuleValues[] = [];
  for (const [i, rule] of rules.entries()) {
    const grid = grids[i];
    if (!rule.series.query) {
      out.push({ rule, grid, values: ruleValues(rule, stored, grid) });
      continue;
    }
    const res = await queryRange(s.metrics!.prometheus!, rule.series.query, { start: grid.steps[0], end: now, stepMs: grid.stepMs });
    out.push(res.ok ? { rule, grid, values: promValues(res.series, grid, rule.op, rule.scale) } : { rule, error: res.error });
  }
  return out;
}
