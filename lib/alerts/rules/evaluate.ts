import "server-only";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import type { CatalogService } from "@/lib/services/catalog-schema";
import type { ThresholdRule } from "@/lib/services/catalog-alert-rule";
import { ruleGroupKey, type RuleRef } from "@/lib/alerts/rules/incoming";
import { judge } from "@/lib/alerts/rules/judge";
import { serviceRuleValues } from "@/lib/alerts/rules/source";
import { evaluateHealthService, healthContext, healthRules } from "@/lib/alerts/rules/evaluate-health";
import { firingRuleAlerts, send, type FiringRow, type Log, type RuleOutcome } from "@/lib/alerts/rules/transitions";

// One evaluation round of every alert rule in the catalog, run by the poller leader. It keeps
// no state of its own: a rule is firing when its Alert row is, so a restart or a new leader picks
// up where the last one stopped, and only transitions are sent through the ingest pipeline.
// Health rules are also judged right after the poller records checks (evaluate-health.ts).

export type { RuleOutcome };

const refOf = (s: CatalogService, r: ThresholdRule): RuleRef => ({
  service: s.slug, serviceName: s.name, name: r.name, title: r.title, message: r.message, threshold: r.value, severity: r.severity, runbook: r.runbook,
});

async function evaluateService(s: CatalogService, firing: Map<string, FiringRow>, now: number, log: Log): Promise<RuleOutcome[]> {
  const out: RuleOutcome[] = [];
  for (const e of await serviceRuleValues(s, now)) {
    const key = ruleGroupKey(s.slug, e.rule.name);
    if ("error" in e) {
      log.warn(`[rules] ${key}: not evaluated: ${e.error}`);
      out.push({ key, value: null, result: "error", incident: null });
      continue;
    }
    const v = judge(e.values, { op: e.rule.op, threshold: e.rule.value, forSteps: e.grid.forSteps, staleSteps: e.grid.staleSteps }, firing.has(key));
    if (v.kind === "keep") out.push({ key, value: v.value, result: "unchanged", incident: null });
    else out.push(await send(refOf(s, e.rule), v.kind === "fire" ? { status: "firing", value: v.value } : { status: "resolved", value: v.value, why: v.why }, now, log));
  }
  return out;
}

/** `health: false` leaves the health rules to their own lane (the poller judges them after each round). */
export async function evaluateRules(opts: { now?: number; log?: Log; health?: boolean } = {}): Promise<RuleOutcome[]> {
  const now = opts.now ?? Date.now();
  const log = opts.log ?? console;
  const active = await getActiveCatalog();
  const firing = await firingRuleAlerts();
  const health = opts.health !== false && active.catalog.services.some((s) => healthRules(s).length) ? await healthContext(active.catalog.services, firing, now, log) : null;
  const outcomes: RuleOutcome[] = [];
  for (const s of active.catalog.services) {
    if (!s.alertRules.length) continue;
    try {
      outcomes.push(...(await evaluateService(s, firing, now, log)));
      if (health) outcomes.push(...(await evaluateHealthService(s, health)));
    } catch (e) {
      log.error(`[rules] ${s.slug}: evaluation failed: ${(e as Error).message}`);
    }
  }
  // A rule taken out of the catalog (or its service) while firing would fire forever: resolve it.
  // Not when the catalog in force could not be read here, which would look like "no rules".
  if (active.versionId === null || active.problems.length) return outcomes;
  const current = new Set(active.catalog.services.flatMap((s) => s.alertRules.map((r) => ruleGroupKey(s.slug, r.name))));
  const names = new Map(active.catalog.services.map((s) => [s.slug, s.name]));
  for (const [key, row] of firing) {
    if (current.has(key)) continue;
    const ref: RuleRef = { service: row.service, serviceName: names.get(row.service) ?? row.service, name: row.alertname, title: row.summary, message: row.description, threshold: 0, severity: row.severity };
    outcomes.push(await send(ref, { status: "resolved", value: null, why: "removed" }, now, log));
  }
  return outcomes;
}
