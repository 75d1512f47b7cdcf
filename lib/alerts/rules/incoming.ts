// A rule's firing or resolving as the ingest pipeline reads it: the same IncomingGroup an
// Alertmanager notification becomes, so incidents, timelines, runbook links and silences behave
// alike. Pure.
import { createHash } from "node:crypto";
import type { IncomingGroup } from "@/lib/alerts/normalize";
import type { Severity } from "@/lib/incidents/rules";
import { render } from "@/lib/alerts/rules/template";

/** `threshold`: a threshold rule's value, or a health rule's `for` window ("1m"). */
export type RuleRef = { service: string; serviceName: string; name: string; title: string; message: string; threshold: number | string; severity: Severity; runbook?: string };

export const ruleGroupKey = (service: string, name: string) => `${service}/${name}`;
/** Stable across restarts and instances: the same rule is always the same alert. */
export const ruleFingerprint = (service: string, name: string) => createHash("sha256").update(`rule\u0000${service}\u0000${name}`).digest("hex").slice(0, 16);

export type Transition =
  | { status: "firing"; value: number | string }
  | { status: "resolved"; value: number | string | null; why: "recovered" | "no-data" | "removed" };

const NO_LONGER = { "no-data": "no data", removed: "the rule is no longer in the catalog" } as const;

export function ruleGroup(r: RuleRef, t: Transition, at: Date): IncomingGroup {
  const vars = { service: r.serviceName, value: t.value, threshold: r.threshold };
  const title = render(r.title, vars);
  const description = render(r.message, vars);
  // A resolve says what holds now: the value back under the threshold (a health rule: "up"), or why there is none.
  const summary = t.status === "resolved" && t.why !== "recovered" ? `${r.name} on ${r.serviceName}: ${NO_LONGER[t.why]}` : title;
  const labels = { alertname: r.name, service: r.service, severity: r.severity };
  return {
    source: "rule",
    groupKey: ruleGroupKey(r.service, r.name),
    receiver: "",
    labels: { alertname: r.name, service: r.service },
    title,
    description,
    alerts: [{
      fingerprint: ruleFingerprint(r.service, r.name),
      alertname: r.name,
      status: t.status,
      severity: r.severity,
      labels,
      annotations: description ? { summary: title, description } : { summary: title },
      summary: summary.slice(0, 500),
      startsAt: at,
      endsAt: t.status === "resolved" ? at : null,
      generatorUrl: null,
      runbookRef: r.runbook ?? null,
      // No data is not recovery: the service may be down altogether.
      settles: !(t.status === "resolved" && t.why === "no-data"),
    }],
  };
}
