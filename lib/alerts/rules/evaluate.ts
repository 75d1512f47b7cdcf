import "server-only";
import { db } from "@/lib/db";
import { ingestGroup } from "@/lib/alerts/ingest";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import type { CatalogAlertRule, CatalogService } from "@/lib/services/catalog-schema";
import type { Severity } from "@/lib/incidents/rules";
import { ruleGroup, ruleGroupKey, type RuleRef, type Transition } from "@/lib/alerts/rules/incoming";
import { judge } from "@/lib/alerts/rules/judge";
import { serviceRuleValues } from "@/lib/alerts/rules/source";

// One evaluation round of every threshold rule in the catalog, run by the poller leader. It keeps
// no state of its own: a rule is firing when its Alert row is, so a restart or a new leader picks
// up where the last one stopped, and only transitions are sent through the ingest pipeline.

export type RuleOutcome = { key: string; value: number | null; result: "fired" | "resolved" | "unchanged" | "error"; incident: number | null };
type Log = Pick<Console, "warn" | "error">;
type FiringRow = { alertname: string; severity: Severity; service: string; summary: string; description: string };

async function firingRuleAlerts(): Promise<Map<string, FiringRow>> {
  const rows = await db.alert.findMany({
    where: { status: "firing", group: { source: "rule" } },
    select: { alertname: true, severity: true, labels: true, annotations: true, summary: true, group: { select: { groupKey: true } } },
  });
  const text = (json: unknown, key: string) => (json && typeof json === "object" ? String((json as Record<string, unknown>)[key] ?? "") : "");
  return new Map(rows.map((r) => [r.group.groupKey, {
    alertname: r.alertname, severity: r.severity, service: text(r.labels, "service"),
    summary: text(r.annotations, "summary") || r.summary, description: text(r.annotations, "description"),
  }]));
}

const refOf = (s: CatalogService, r: CatalogAlertRule): RuleRef => ({
  service: s.slug, serviceName: s.name, name: r.name, title: r.title, message: r.message, value: r.value, severity: r.severity, runbook: r.runbook,
});

async function send(ref: RuleRef, t: Transition, now: number, log: Log): Promise<RuleOutcome> {
  const key = ruleGroupKey(ref.service, ref.name);
  try {
    const res = await ingestGroup(ruleGroup(ref, t, new Date(now)));
    return { key, value: t.value, result: t.status === "firing" ? "fired" : "resolved", incident: res.incident };
  } catch (e) {
    log.error(`[rules] ${key}: could not record it ${t.status}: ${(e as Error).message}`);
    return { key, value: t.value, result: "error", incident: null };
  }
}

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

export async function evaluateRules(opts: { now?: number; log?: Log } = {}): Promise<RuleOutcome[]> {
  const now = opts.now ?? Date.now();
  const log = opts.log ?? console;
  const active = await getActiveCatalog();
  const firing = await firingRuleAlerts();
  const outcomes: RuleOutcome[] = [];
  for (const s of active.catalog.services) {
    if (!s.alertRules.length) continue;
    try {
      outcomes.push(...(await evaluateService(s, firing, now, log)));
    } catch (e) {
      log.error(`[rules] ${s.slug}: evaluation failed: ${(e as Error).message}`);
    }
  }
  // A rule taken out of the catalog (or its service) while firing would fire forever: resolve it.
  // Not when the catalog in force could not be read here, which would look like "no rules".
  if (active.versionId === null || active.problems.length) return outcomes;
  const current = new Set(active.catalog.services.flatMap((s) => s.alertRules.map((r) => ruleGroupKey(s.slug, r.name))));
  for (const [key, row] of firing) {
    if (current.has(key)) continue;
    const ref: RuleRef = { service: row.service, serviceName: row.service, name: row.alertname, title: row.summary, message: row.description, value: 0, severity: row.severity };
    outcomes.push(await send(ref, { status: "resolved", value: null, why: "removed" }, now, log));
  }
  return outcomes;
}
