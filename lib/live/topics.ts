// What a live change is called on the wire. Shared by the server (which derives topics from audit
// entries) and the browser (which subscribes to them); no server-only imports here.

/** One change, as sent to browsers: the audit entry's seq, the topics it touches, its verb. */
export type LiveChange = { seq: number; topics: string[]; verb: string };

export const INCIDENTS_TOPIC = "incidents";
export const incidentTopic = (incidentId: string) => `incident:${incidentId}`;
export const SERVICES_TOPIC = "services";
export const serviceTopic = (slug: string) => `service:${slug}`;
export const RUNBOOKS_TOPIC = "runbooks";
export const REPORTS_TOPIC = "reports";
export const ALERTS_TOPIC = "alerts";

/**
 * The topics an audit entry publishes. Only target types listed here reach browsers: a new
 * feature adds its own line (and must make sure every signed-in user may know the change happened).
 */
const COLLECTIONS: Record<string, string> = {
  incident: INCIDENTS_TOPIC,
  service: SERVICES_TOPIC,
  catalog: SERVICES_TOPIC,
  runbook: RUNBOOKS_TOPIC,
  // targetId is the report's id; every signed-in user may read every report.
  report: REPORTS_TOPIC,
  // targetId is the alert group's id (changes that touch no incident); every user may see alerts.
  alert: ALERTS_TOPIC,
};

export function topicsFor(entry: { targetType: string; targetId: string | null }): string[] {
  const collection = COLLECTIONS[entry.targetType];
  if (!collection) return [];
  return entry.targetId ? [`${entry.targetType}:${entry.targetId}`, collection] : [collection];
}

export const PUBLISHED_TARGET_TYPES = Object.keys(COLLECTIONS);
