import "server-only";
import { db } from "@/lib/db";
import { ingestGroup } from "@/lib/alerts/ingest";
import type { Severity } from "@/lib/incidents/rules";
import { ruleGroup, ruleGroupKey, type RuleRef, type Transition } from "@/lib/alerts/rules/incoming";

// What every kind of rule shares: which rule alerts fire now (the Alert table is the only state),
// and sending a transition through the ingest pipeline.

/** A health rule's value is what its latest check said ("down (HTTP 503)"). */
export type RuleOutcome = { key: string; value: number | string | null; result: "fired" | "resolved" | "unchanged" | "error"; incident: number | null };
export type Log = Pick<Console, "warn" | "error">;
export type FiringRow = { alertname: string; severity: Severity; service: string; summary: string; description: string };

export async function firingRuleAlerts(): Promise<Map<string, FiringRow>> {
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

export async function send(ref: RuleRef, t: Transition, now: number, log: Log): Promise<RuleOutcome> {
  const key = ruleGroupKey(ref.service, ref.name);
  try {
    const res = await ingestGroup(ruleGroup(ref, t, new Date(now)));
    return { key, value: t.value, result: t.status === "firing" ? "fired" : "resolved", incident: res.incident };
  } catch (e) {
    log.error(`[rules] ${key}: could not record it ${t.status}: ${(e as Error).message}`);
    return { key, value: t.value, result: "error", incident: null };
  }
}
