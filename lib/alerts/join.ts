import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { OPEN_STATUSES } from "@/lib/incidents/rules";
import { chooseTarget, neighbourhood, optsOut, touchedServices, type AttachCatalog, type JoinTarget } from "@/lib/alerts/attach";
import type { IncomingGroup } from "@/lib/alerts/normalize";
import type { Change } from "@/lib/alerts/plan";

// The I/O around attach.ts inside the ingest transaction: the per-service advisory locks, the
// candidate read, and the "joined" timeline event. The catalog is read before it (lookups.ts).

export type JoinPlan = { touched: string[]; lockKeys: string[] };

/** What the group's new firings may join, or null when they open their own incident whatever is open. */
export function planJoin(group: IncomingGroup, opening: Change[], catalog: AttachCatalog): JoinPlan | null {
  if (catalog.mode === "off" || !opening.length) return null;
  const alerts = opening.map((c) => c.alert);
  if (optsOut(alerts, group.source, catalog.ruleOptOut)) return null;
  const touched = touchedServices(alerts, catalog.services);
  return touched.length ? { touched, lockKeys: neighbourhood(touched, catalog) } : null;
}

/**
 * Serializes the decision per service: two new groups of one outage at once would each see no
 * incident and each open one. Transaction-scoped, taken in sorted order (no deadlock between two
 * ingests), after the group's own lock and before any incident row or the audit head.
 */
export async function lockServices(tx: Tx, slugs: string[]) {
  for (const slug of slugs) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sitrep.alerts.service:${slug}`}, 0))`;
}

/** The open incident the group should join (unlocked read: ingest locks it with the others, then checks again). */
export async function findJoinTarget(tx: Tx, opening: Change[], plan: JoinPlan, catalog: AttachCatalog): Promise<JoinTarget | null> {
  const candidates = await tx.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, mergedIntoId: null, services: { hasSome: plan.lockKeys } },
    select: { id: true, number: true, severity: true, startedAt: true, services: true },
    orderBy: { number: "asc" },
    take: 50,
  });
  return chooseTarget(opening.map((c) => c.alert.alertname), plan.touched, candidates, catalog);
}

/** Points the group at the incident, adds its services, and says on the timeline what joined and why. */
export async function joinIn(tx: Tx, actor: Actor, target: JoinTarget, groupId: string, touched: string[], current: { services: string[] }) {
  const added = touched.filter((s) => !current.services.includes(s));
  await tx.alertGroup.update({ where: { id: groupId }, data: { incidentId: target.incident.id } });
  if (added.length) await tx.incident.update({ where: { id: target.incident.id }, data: { services: [...current.services, ...added].slice(0, 50) } });
  await addTimelineEvent(tx, {
    incidentId: target.incident.id, kind: "alert", actor,
    data: { event: "joined", why: target.why, service: target.service, sameService: target.sameService, added, group: groupId },
  });
  return { why: target.why, added };
}
