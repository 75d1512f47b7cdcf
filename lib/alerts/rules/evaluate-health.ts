import "server-only";
import { db } from "@/lib/db";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { effectiveStatus } from "@/lib/services/status";
import type { CheckStatus } from "@/lib/services/types";
import type { CatalogService } from "@/lib/services/catalog-schema";
import type { HealthRule } from "@/lib/services/catalog-alert-rule";
import { describeCheck, judgeHealth, type Check } from "@/lib/alerts/rules/health-judge";
import { ruleGroupKey, type RuleRef } from "@/lib/alerts/rules/incoming";
import { formatWindow } from "@/lib/alerts/rules/template";
import { firingRuleAlerts, send, type FiringRow, type Log, type RuleOutcome } from "@/lib/alerts/rules/transitions";

// Health rules ("down for 1m") judged on the health checks the poller stored. The poller leader
// runs this right after it records a round in which a service with such a rule is not up (or
// changed), so an outage opens its incident one check after the window is covered, not up to a
// rules interval later; the periodic round (evaluate.ts) judges them too. A service down because
// a service it depends on is down shows "impacted": its rule waits, the incident is the cause's.

/** At most this many checks are read per service: a 1 h window polled every second. */
const MAX_CHECKS = 4_000;

export const healthRules = (s: CatalogService): HealthRule[] => s.alertRules.filter((r): r is HealthRule => r.type === "health");

async function recentChecks(slug: string, from: number): Promise<Check[]> {
  const rows = await db.healthCheck.findMany({
    where: { slug, at: { gte: new Date(from) } },
    orderBy: { at: "desc" },
    take: MAX_CHECKS,
    select: { at: true, status: true, reason: true },
  });
  return rows.reverse().map((r) => ({ at: r.at.getTime(), status: r.status, reason: r.reason }));
}

const refOf = (s: CatalogService, r: HealthRule): RuleRef => ({
  service: s.slug, serviceName: s.name, name: r.name, title: r.title, message: r.message, threshold: formatWindow(r.forMs), severity: r.severity, runbook: r.runbook,
});

/** What a round knows beyond the service: firing rule alerts, and every service's status and dependencies. */
export type HealthContext = { firing: Map<string, FiringRow>; statuses: Map<string, CheckStatus>; deps: Map<string, string[]>; now: number; log: Log };

export async function healthContext(services: CatalogService[], firing: Map<string, FiringRow>, now: number, log: Log): Promise<HealthContext> {
  const rows = await db.serviceState.findMany({ select: { slug: true, status: true } });
  return { firing, statuses: new Map(rows.map((r) => [r.slug, r.status])), deps: new Map(services.map((s) => [s.slug, s.dependsOn])), now, log };
}

export async function evaluateHealthService(s: CatalogService, { firing, statuses, deps, now, log }: HealthContext): Promise<RuleOutcome[]> {
  const rules = healthRules(s);
  if (!rules.length || !s.health) return [];
  // A check may be one interval and a timeout late: read that much more than the longest window.
  const slack = 2 * s.health.interval + s.health.timeout;
  const checks = await recentChecks(s.slug, now - Math.max(...rules.map((r) => r.forMs)) - slack);
  const out: RuleOutcome[] = [];
  for (const rule of rules) {
    const key = ruleGroupKey(s.slug, rule.name);
    const v = judgeHealth(checks, { level: rule.health, forMs: rule.forMs, staleMs: slack }, firing.has(key), now);
    const value = describeCheck(v.latest);
    const impacted = v.kind === "fire" && effectiveStatus(s.slug, v.latest, deps, (d) => statuses.get(d)).status === "impacted";
    if (v.kind === "keep" || impacted) out.push({ key, value, result: "unchanged", incident: null });
    else out.push(await send(refOf(s, rule), v.kind === "fire" ? { status: "firing", value: value! } : { status: "resolved", value, why: "recovered" }, now, log));
  }
  return out;
}

/** The health rules of `slugs` (all services when omitted), as one round. */
export async function evaluateHealthRules(opts: { slugs?: Iterable<string>; now?: number; log?: Log } = {}): Promise<RuleOutcome[]> {
  const now = opts.now ?? Date.now();
  const log = opts.log ?? console;
  const only = opts.slugs ? new Set(opts.slugs) : null;
  const all = (await getActiveCatalog()).catalog.services;
  const services = all.filter((s) => healthRules(s).length && (!only || only.has(s.slug)));
  if (!services.length) return [];
  const ctx = await healthContext(all, await firingRuleAlerts(), now, log);
  const outcomes: RuleOutcome[] = [];
  for (const s of services) {
    try {
      outcomes.push(...(await evaluateHealthService(s, ctx)));
    } catch (e) {
      log.error(`[rules] ${s.slug}: health rules not evaluated: ${(e as Error).message}`);
    }
  }
  return outcomes;
}
