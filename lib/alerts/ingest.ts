import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { getEnv } from "@/lib/env";
import { declareIncidentIn, lockIncident, moveIncidentIn, setSeverityIn } from "@/lib/incidents/mutations";
import { lockIncidentRow } from "@/lib/incidents/lock";
import { incidentRef, isOpen, STATUSES, type Status } from "@/lib/incidents/rules";
import { incidentTitle, moreSevere, mostSevere, type IncomingGroup, type SeverityConfig } from "@/lib/alerts/normalize";
import { opens, planChanges, type Change } from "@/lib/alerts/plan";
import { loadAttachCatalog, loadRunbookIndex } from "@/lib/alerts/lookups";
import { touchedServices, type AttachMode, type JoinTarget } from "@/lib/alerts/attach";
import { findJoinTarget, joinIn, lockServices, planJoin } from "@/lib/alerts/join";
import { linkRunbook } from "@/lib/alerts/runbook-link";
import { writeAlerts, type Touched } from "@/lib/alerts/write";

// The one pipeline every alert goes through, from Alertmanager or from Sitrep's own threshold
// rules: group → incident (its own, or an open one of the same outage: attach.ts), alerts →
// timeline, all resolved → mitigated. One transaction per notification, serialized per group, so
// a retried delivery racing the original changes nothing.

export type IngestOptions = { severity: SeverityConfig; onResolved: "mitigate" | "resolve" | "none"; ownHost?: string | null; attach?: AttachMode };
export type IngestResult = {
  incident: number | null;
  opened: boolean;
  /** why the group's firings joined an open incident rather than opening their own */
  joined: string | null;
  fired: number;
  resolved: number;
  unchanged: number;
  silenced: number;
};

export function ingestOptions(): IngestOptions {
  const env = getEnv();
  return {
    severity: { map: env.SITREP_ALERT_SEVERITY_MAP, fallback: env.SITREP_ALERT_DEFAULT_SEVERITY }, onResolved: env.SITREP_ALERT_ON_RESOLVED,
    ownHost: env.SITREP_PUBLIC_URL ? new URL(env.SITREP_PUBLIC_URL).host : null, attach: env.SITREP_ALERT_ATTACH,
  };
}

export const sourceActor = (g: Pick<IncomingGroup, "source" | "receiver">): Actor => ({
  id: null,
  label: g.source === "rule" ? "sitrep rules" : g.receiver ? `alertmanager (${g.receiver})` : "alertmanager",
});

const count = (changes: Change[], ...kinds: Change["kind"][]) => changes.filter((c) => kinds.includes(c.kind)).length;

type Locked = Awaited<ReturnType<typeof lockIncident>>;
type Join = { target: JoinTarget; touched: string[] } | null;

/** New firings on an open incident: raise its severity if they are worse; a mitigated one reopens. */
async function refire(tx: Tx, actor: Actor, current: Locked, opening: Change[]) {
  const severity = mostSevere(opening.map((c) => c.alert.severity));
  if (moreSevere(severity, current.severity)) await setSeverityIn(tx, actor, current, severity);
  // Firing again after being marked mitigated: the mitigation did not hold. Back to where
  // people had got to (never acknowledged: triggered, with its acknowledgement clock).
  if (current.status === "mitigated") await moveIncidentIn(tx, actor, { ...current, severity }, reopenTo(current), true, true);
}

/** The incident the group's new firings go to: its open one, an open one of the same outage, or a new one. */
async function incidentFor(tx: Tx, actor: Actor, group: IncomingGroup, groupRow: { id: string; incidentId: string | null }, opening: Change[], services: Set<string>, join: Join) {
  let current = groupRow.incidentId ? await lockIncident(tx, groupRow.incidentId).catch(() => null) : null;
  // Merged by a responder while this delivery waited: its alerts belong to the survivor now.
  if (current?.mergedIntoId) current = await lockIncident(tx, current.mergedIntoId).catch(() => null);
  if (current && isOpen(current.status)) {
    if (current.id !== groupRow.incidentId) await tx.alertGroup.update({ where: { id: groupRow.id }, data: { incidentId: current.id } });
    if (opening.length) await refire(tx, actor, current, opening);
    return { incident: current, opened: false, joined: null };
  }
  if (!opening.length) return { incident: null, opened: false, joined: null };
  // Locked with the group's other incidents; resolved or merged meanwhile, it is no longer a home.
  const target = join ? await lockIncident(tx, join.target.incident.id).catch(() => null) : null;
  if (join && target && isOpen(target.status) && !target.mergedIntoId) {
    const joined = await joinIn(tx, actor, join.target, groupRow.id, join.touched, target);
    const incident = await lockIncident(tx, target.id);
    await refire(tx, actor, incident, opening);
    return { incident, opened: false, joined };
  }
  const alerts = opening.map((c) => c.alert);
  // The incident started when its first alert did (MTTA and MTTR count from there), never in the future.
  const startedAt = new Date(Math.min(Date.now(), ...alerts.map((a) => a.startsAt.getTime())));
  const created = await declareIncidentIn(tx, actor, {
    startedAt,
    title: incidentTitle({ title: group.title, alerts }),
    severity: mostSevere(alerts.map((a) => a.severity)),
    services: touchedServices(alerts, services).slice(0, 50),
    summary: (group.description || alerts.find((a) => a.annotations.description)?.annotations.description || "").slice(0, 10_000),
  }, { source: group.source, alerts: alerts.length });
  await tx.alertGroup.update({ where: { id: groupRow.id }, data: { incidentId: created.id } });
  return { incident: await lockIncident(tx, created.id), opened: true, joined: null };
}

const rank = (s: Status) => STATUSES.indexOf(s);

const reopenTo = (i: { identifiedAt: Date | null; investigatingAt: Date | null; acknowledgedAt: Date | null }): Status =>
  i.identifiedAt ? "identified" : i.investigatingAt ? "investigating" : i.acknowledgedAt ? "acknowledged" : "triggered";

/** Every alert of the incident has resolved: mark it mitigated (or resolved), as configured. */
async function settle(tx: Tx, actor: Actor, incidentId: string, onResolved: IngestOptions["onResolved"]) {
  if (onResolved === "none") return;
  const incident = await lockIncident(tx, incidentId);
  if (!isOpen(incident.status)) return;
  const firing = await tx.alert.count({ where: { incidentId, status: "firing" } });
  if (firing > 0) return;
  const to: Status = onResolved === "resolve" ? "resolved" : "mitigated";
  if (rank(incident.status) < rank(to)) await moveIncidentIn(tx, actor, incident, to, false, true);
}

/** With the group's services locked: the open incident its new firings join, if any (attach.ts). */
async function decideJoin(tx: Tx, group: IncomingGroup, opening: Change[], ownIncidentId: string | null, catalog: Awaited<ReturnType<typeof loadAttachCatalog>>): Promise<Join> {
  const plan = planJoin(group, opening, catalog);
  if (!plan) return null;
  await lockServices(tx, plan.lockKeys);
  const own = ownIncidentId ? await tx.incident.findUnique({ where: { id: ownIncidentId }, select: { status: true } }) : null;
  if (own && isOpen(own.status)) return null;
  const target = await findJoinTarget(tx, opening, plan, catalog);
  return target ? { target, touched: plan.touched } : null;
}

export async function ingestGroup(group: IncomingGroup, options: IngestOptions = ingestOptions()): Promise<IngestResult> {
  const actor = sourceActor(group);
  // Read before the transaction: inside it, every read goes through `tx` (the embedded database has one session).
  const [runbooks, catalog] = await Promise.all([loadRunbookIndex(), loadAttachCatalog(options.attach)]);
  const services = catalog.services;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sitrep.alerts:${group.source}:${group.groupKey}`}, 0))`;
    const fingerprints = [...new Set(group.alerts.map((a) => a.fingerprint))];
    const existingGroup = await tx.alertGroup.findUnique({ where: { source_groupKey: { source: group.source, groupKey: group.groupKey } }, select: { id: true, incidentId: true } });
    const known = existingGroup
      ? await tx.alert.findMany({ where: { groupId: existingGroup.id, fingerprint: { in: fingerprints } }, select: { id: true, fingerprint: true, status: true, startsAt: true, endsAt: true, incidentId: true } })
      : [];
    let changes = planChanges(group.alerts, new Map(known.map((k) => [k.fingerprint, k])));
    const result: IngestResult = { incident: null, opened: false, joined: null, fired: 0, resolved: 0, unchanged: 0, silenced: 0 };
    // A repeat or a retry: nothing to write, not even a "last seen".
    if (changes.every((c) => c.kind === "same")) return { ...result, unchanged: changes.length };

    const now = new Date();
    const silences = await tx.alertSilence.findMany({ where: { fingerprint: { in: fingerprints }, endedAt: null, endsAt: { gt: now } }, select: { fingerprint: true } });
    const silenced = new Set(silences.map((s) => s.fingerprint));
    // Still silenced, still firing on no incident: a repeat like any other.
    changes = changes.map((c) => (c.kind === "surfaced" && silenced.has(c.alert.fingerprint) ? { ...c, kind: "same" } : c));
    Object.assign(result, { fired: count(changes, "fired", "refired", "surfaced"), resolved: count(changes, "resolved"), unchanged: count(changes, "same") });
    if (result.unchanged === changes.length) return result;
    const opening = changes.filter((c) => opens(c) && !silenced.has(c.alert.fingerprint));
    const join = await decideJoin(tx, group, opening, existingGroup?.incidentId ?? null, catalog);
    // Lock order, as everywhere: service locks (decideJoin), then incident rows (sorted) before the
    // audit head, taken by the first audited change below. The resolves may belong to an earlier
    // incident of the group; the incident it may join is locked with them.
    const prior = new Map(known.map((k) => [k.fingerprint, k.incidentId]));
    const involved = new Set([existingGroup?.incidentId, join?.target.incident.id, ...changes.filter((c) => c.kind !== "same").map((c) => prior.get(c.alert.fingerprint))]);
    for (const id of [...involved].filter((x): x is string => Boolean(x)).sort()) await lockIncidentRow(tx, id).catch(() => null);
    const groupRow = existingGroup ?? await tx.alertGroup.create({
      data: { source: group.source, groupKey: group.groupKey, receiver: group.receiver, labels: group.labels, status: "firing" },
      select: { id: true, incidentId: true },
    });
    const { incident, opened, joined } = await incidentFor(tx, actor, group, groupRow, opening, services, join);
    result.silenced = changes.filter((c) => opens(c) && silenced.has(c.alert.fingerprint)).length;

    const touched: Touched = await writeAlerts(tx, {
      groupId: groupRow.id, changes, known, silenced, incidentId: incident?.id ?? null, actor,
      link: (a) => linkRunbook(runbooks, a.alertname, a.runbookRef, options.ownHost), runbookTitle: (id) => runbooks.titles.get(id) ?? null, services,
    });
    const firing = await tx.alert.count({ where: { groupId: groupRow.id, status: "firing" } });
    await tx.alertGroup.update({ where: { id: groupRow.id }, data: { status: firing ? "firing" : "resolved", receiver: group.receiver } });

    for (const [incidentId, t] of touched) {
      const number = await tx.incident.update({ where: { id: incidentId }, data: { version: { increment: 1 } }, select: { number: true } });
      await appendAudit(tx, {
        actor, verb: "alert.ingest", target: { type: "incident", id: incidentId },
        after: {
          ref: incidentRef(number.number), group: groupRow.id, fired: t.fired, resolved: t.resolved, opened: opened && incidentId === incident?.id,
          ...(joined && incidentId === incident?.id ? { joined: joined.why, servicesAdded: joined.added } : {}),
        },
      });
      if (t.settles) await settle(tx, actor, incidentId, options.onResolved);
    }
    // Changes that reached no incident (silenced, or resolves of unseen alerts) still show on the Alerts page.
    if (!touched.size) await appendAudit(tx, { actor, verb: "alert.ingest", target: { type: "alert", id: groupRow.id }, after: { fired: result.fired, resolved: result.resolved, silenced: result.silenced } });
    if (incident) result.incident = incident.number;
    Object.assign(result, { opened, joined: joined?.why ?? null });
    return result;
  }, { maxWait: 10_000, timeout: 30_000 }); // a burst waits for the pool past Prisma's 2 s default: burst.integration.test.ts
}
