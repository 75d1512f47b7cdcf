// What one notification says, stored with the outbox row: facts only (never a URL or a secret),
// so the row can be shown, retried and formatted for any kind of channel later.
import type { NotifyEvent } from "@/lib/services/catalog-schema";
import { incidentRef, type Severity, type Status } from "@/lib/incidents/rules";

/** The four events channels subscribe to, and the test an admin sends by hand. */
export type NotificationEvent = NotifyEvent | "notification.test";

export type IncidentFacts = {
  id: string;
  number: number;
  ref: string;
  title: string;
  severity: Severity;
  status: Status;
  services: string[];
  /** the incident's page, relative: the public origin is added when sending */
  path: string;
};

export type ActionFacts = {
  runId: string;
  service: string;
  name: string;
  title: string;
  danger: string;
  requestedBy: string;
  path: string;
};

export type Payload = {
  event: NotificationEvent;
  occurredAt: string;
  /** who made the change: a person's email, "alertmanager (receiver)", "sitrep rules" */
  actor: string;
  incident?: IncidentFacts;
  change?: { severity?: { from: Severity; to: Severity }; status?: { from: Status; to: Status } };
  action?: ActionFacts;
  test?: { channel: string };
};

type IncidentRow = { id: string; number: number; title: string; severity: Severity; status?: Status; services: string[] };

export function incidentFacts(row: IncidentRow, overrides: Partial<Pick<IncidentFacts, "severity" | "status">> = {}): IncidentFacts {
  return {
    id: row.id,
    number: row.number,
    ref: incidentRef(row.number),
    title: row.title,
    severity: overrides.severity ?? row.severity,
    status: overrides.status ?? row.status ?? "triggered",
    services: row.services,
    path: `/incidents/${row.number}`,
  };
}

/** The severity a channel's minSeverity is compared with: a downgrade is still news to those who heard of it. */
export function severityOf(p: Pick<Payload, "incident" | "change">): Severity | null {
  const sev = p.change?.severity;
  if (sev) return sev.from < sev.to ? sev.from : sev.to;
  return p.incident?.severity ?? null;
}

export const EVENT_LABEL: Record<NotificationEvent, string> = {
  "incident.declared": "Incident declared",
  "incident.severity": "Severity changed",
  "incident.resolved": "Incident resolved",
  "action.approval": "Action awaits approval",
  "notification.test": "Test",
};
