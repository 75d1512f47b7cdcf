import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { lockIncidentRow } from "@/lib/incidents/lock";
import { incidentRef } from "@/lib/incidents/rules";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { SilenceAlertInput } from "@/lib/alerts/schemas";

// Silencing (snoozing) one alert: while the silence lasts, the alert firing again opens no incident
// and tells nobody. It is audited, and written on the incident's timeline when it has one.

async function onIncident(tx: Tx, actor: Actor, incidentId: string | null, data: Record<string, unknown>) {
  if (!incidentId) return null;
  const number = await lockIncidentRow(tx, incidentId);
  await addTimelineEvent(tx, { incidentId, kind: "alert", actor, data: data as never });
  await tx.incident.update({ where: { id: incidentId }, data: { version: { increment: 1 } } });
  return number;
}

export async function silenceAlert(actor: Actor, input: SilenceAlertInput) {
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id: input.alertId }, select: { id: true, groupId: true, fingerprint: true, alertname: true, incidentId: true } });
    if (!alert) throw new NotFoundError("That alert no longer exists.");
    // Two responders silencing at once: the second waits, then sees the first's silence.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sitrep.silence:${alert.fingerprint}`}, 0))`;
    const now = new Date();
    const active = await tx.alertSilence.findFirst({ where: { fingerprint: alert.fingerprint, endedAt: null, endsAt: { gt: now } }, select: { endsAt: true, createdByLabel: true } });
    if (active) throw new ConflictError(`${alert.alertname} is already silenced by ${active.createdByLabel} until ${active.endsAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Lift that silence first to change it.`);
    const endsAt = new Date(now.getTime() + input.minutes * 60_000);
    const silence = await tx.alertSilence.create({
      data: { fingerprint: alert.fingerprint, alertname: alert.alertname, reason: input.reason, startsAt: now, endsAt, createdById: actor.id, createdByLabel: actor.label },
      select: { id: true },
    });
    const number = await onIncident(tx, actor, alert.incidentId, { event: "silenced", alertname: alert.alertname, fingerprint: alert.fingerprint, until: endsAt.toISOString(), reason: input.reason });
    await appendAudit(tx, {
      actor, verb: "alert.silence", target: alert.incidentId ? { type: "incident", id: alert.incidentId } : { type: "alert", id: alert.groupId },
      after: { silence: silence.id, alert: alert.id, alertname: alert.alertname, fingerprint: alert.fingerprint, until: endsAt.toISOString(), minutes: input.minutes, reason: input.reason, ...(number ? { ref: incidentRef(number) } : {}) },
    });
    return { silenceId: silence.id, alertname: alert.alertname, endsAt };
  });
}

export async function unsilenceAlert(actor: Actor, silenceId: string) {
  return db.$transaction(async (tx) => {
    const s = await tx.alertSilence.findUnique({ where: { id: silenceId }, select: { id: true, fingerprint: true, alertname: true, endsAt: true, endedAt: true } });
    if (!s) throw new NotFoundError("That silence no longer exists.");
    if (s.endedAt || s.endsAt <= new Date()) return { alertname: s.alertname, changed: false };
    await tx.alertSilence.update({ where: { id: s.id }, data: { endedAt: new Date(), endedByLabel: actor.label } });
    // The alert's newest row tells where it shows up now.
    const alert = await tx.alert.findFirst({ where: { fingerprint: s.fingerprint }, orderBy: { lastSeenAt: "desc" }, select: { id: true, groupId: true, incidentId: true } });
    const number = await onIncident(tx, actor, alert?.incidentId ?? null, { event: "unsilenced", alertname: s.alertname, fingerprint: s.fingerprint });
    await appendAudit(tx, {
      actor, verb: "alert.unsilence", target: alert?.incidentId ? { type: "incident", id: alert.incidentId } : { type: "alert", id: alert?.groupId ?? null },
      after: { silence: s.id, alertname: s.alertname, fingerprint: s.fingerprint, ...(number ? { ref: incidentRef(number) } : {}) },
    });
    return { alertname: s.alertname, changed: true };
  });
}
