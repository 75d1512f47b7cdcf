// Turns what arrives (an Alertmanager notification, a threshold rule's verdict) into one shape
// the ingest pipeline reads. Pure: no I/O.
import type { Severity } from "@/lib/incidents/rules";
import type { AmPayload } from "@/lib/alerts/alertmanager-schema";

export type AlertSource = "alertmanager" | "rule";

export type IncomingAlert = {
  fingerprint: string;
  alertname: string;
  status: "firing" | "resolved";
  severity: Severity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  summary: string;
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string | null;
  /** a runbook_url annotation (or a rule's runbook), checked against Sitrep's runbooks later */
  runbookRef: string | null;
  /** false: this resolve says nothing about the service (a rule lost its data): it never marks the incident mitigated */
  settles?: boolean;
};

export type IncomingGroup = {
  source: AlertSource;
  groupKey: string;
  receiver: string;
  labels: Record<string, string>;
  /** a summary for the incident a new group opens */
  title: string | null;
  description: string;
  alerts: IncomingAlert[];
};

export type SeverityConfig = { map: Record<string, Severity>; fallback: Severity };

const SEVERITY_RE = /^P[1-4]$/i;

/** At most `max` UTF-16 units, never ending on half a surrogate pair: PostgreSQL's JSON refuses one. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** The `severity` label (or `priority`), mapped by configuration; "P2" passes as itself. */
export function severityOf(labels: Record<string, string>, config: SeverityConfig): Severity {
  const raw = (labels.severity ?? labels.priority ?? "").trim();
  if (SEVERITY_RE.test(raw)) return raw.toUpperCase() as Severity;
  // Own keys only: a label "constructor" must not find Object.prototype's.
  const key = raw.toLowerCase();
  return Object.hasOwn(config.map, key) ? config.map[key] : config.fallback;
}

/** Alertmanager writes the zero time (year 1) for "no end yet". */
function endOf(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return d.getUTCFullYear() <= 1 ? null : d;
}

const firstOf = (...values: (string | undefined)[]) => values.map((v) => v?.trim()).find((v) => v) ?? "";

export function fromAlertmanager(p: AmPayload, config: SeverityConfig): IncomingGroup {
  return {
    source: "alertmanager",
    groupKey: p.groupKey,
    receiver: p.receiver,
    labels: p.groupLabels,
    title: firstOf(p.commonAnnotations.summary, p.commonAnnotations.title) || null,
    description: firstOf(p.commonAnnotations.description, p.commonAnnotations.message),
    alerts: p.alerts.map((a) => ({
      fingerprint: a.fingerprint,
      alertname: a.labels.alertname,
      status: a.status,
      severity: severityOf(a.labels, config),
      labels: a.labels,
      annotations: a.annotations,
      summary: clip(firstOf(a.annotations.summary, a.annotations.title, a.annotations.description, a.annotations.message), 500),
      startsAt: new Date(a.startsAt),
      endsAt: a.status === "resolved" ? (endOf(a.endsAt) ?? new Date()) : null,
      generatorUrl: a.generatorURL || null,
      runbookRef: firstOf(a.annotations.runbook_url, a.annotations.runbook, p.commonAnnotations.runbook_url) || null,
    })),
  };
}

const RANK: Record<Severity, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };
export const mostSevere = (list: Severity[]): Severity => list.reduce((a, b) => (RANK[b] < RANK[a] ? b : a), "P4" as Severity);
export const moreSevere = (a: Severity, b: Severity) => RANK[a] < RANK[b];

/** An incident title from the alerts that open it: "RunnerDown: Beacon runner is down". */
export function incidentTitle(group: IncidentTitleInput): string {
  const names = [...new Set(group.alerts.map((a) => a.alertname))];
  const head = names.length > 1 ? `${names[0]} and ${names.length - 1} more` : names[0];
  const summary = group.title ?? (group.alerts.length === 1 || names.length === 1 ? group.alerts[0].summary : "");
  const title = summary ? `${head}: ${summary}` : `${head} firing`;
  return title.length > 200 ? `${clip(title, 199)}…` : title.length < 3 ? `${title} alert` : title;
}
type IncidentTitleInput = { title: string | null; alerts: { alertname: string; summary: string }[] };
