import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { lockIncidentRow } from "@/lib/incidents/lock";
import { lockIncidents, unmergeIn } from "@/lib/incidents/merge";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { checkMove, incidentRef, STATUS_STAMP, STATUSES, stampsFor, type Severity, type StampField, type Status } from "@/lib/incidents/rules";
import type { DeclareIncidentInput, IncidentRole } from "@/lib/incidents/schemas";
import { addDefaultChecklists } from "@/lib/followups/checklists";
import { enqueueNotifications } from "@/lib/notifications/outbox";
import { incidentFacts } from "@/lib/notifications/payload";

const ROLE_COLUMN = { commander: "commanderId", scribe: "scribeId", comms: "commsId" } as const;
const RESOLVED = STATUSES.indexOf("resolved");

/** Locks the incident row for the rest of the transaction (lib/incidents/lock.ts) and reads it. */
export async function lockIncident(tx: Tx, id: string) {
  await lockIncidentRow(tx, id);
  return tx.incident.findUniqueOrThrow({ where: { id } });
}

/** Who last changed this, and when: a conflict message a tired human can act on. */
async function lastChange(tx: Tx, incidentId: string, kind: string, role?: IncidentRole) {
  const e = await tx.timelineEvent.findFirst({
    // For roles, the last change of that role: not whoever last touched the scribe.
    where: { incidentId, kind, ...(role ? { data: { path: ["role"], equals: role } } : {}) },
    orderBy: { id: "desc" },
    select: { actorLabel: true, createdAt: true },
  });
  return e ? ` (${e.actorLabel} changed it at ${e.createdAt.toISOString().slice(11, 16)} UTC)` : "";
}

async function conflict(tx: Tx, incidentId: string, kind: string, what: string, current: string, role?: IncidentRole): Promise<never> {
  throw new ConflictError(`Someone changed the ${what} while you were looking${await lastChange(tx, incidentId, kind, role)}. It is now: ${current}. Check it and try again if needed.`);
}

async function record(tx: Tx, actor: Actor, incident: { id: string; number: number }, verb: string, kind: string, before: object, after: object) {
  await tx.incident.update({ where: { id: incident.id }, data: { version: { increment: 1 } } });
  await addTimelineEvent(tx, { incidentId: incident.id, kind, actor, data: { ...after, from: before } as never });
  await appendAudit(tx, { actor, verb, target: { type: "incident", id: incident.id }, before, after: { ref: incidentRef(incident.number), ...after } });
}

/** Declares an incident inside the caller's transaction (a person's form, or an alert group). */
export async function declareIncidentIn(tx: Tx, actor: Actor, input: DeclareIncidentInput, extra: Record<string, unknown> = {}) {
  const startedAt = input.startedAt ?? new Date();
  const incident = await tx.incident.create({
    data: { title: input.title, severity: input.severity, services: input.services, summary: input.summary, startedAt, declaredById: actor.id },
    select: { id: true, number: true, title: true, severity: true, services: true },
  });
  await addTimelineEvent(tx, {
    incidentId: incident.id, kind: "declared", actor, occurredAt: startedAt,
    data: { severity: input.severity, services: input.services, title: input.title, ...(input.runbook ? { runbook: input.runbook } : {}), ...extra } as never,
  });
  await appendAudit(tx, {
    actor, verb: "incident.declare", target: { type: "incident", id: incident.id },
    after: { ref: incidentRef(incident.number), ...input, startedAt: startedAt.toISOString(), ...extra },
  });
  await enqueueNotifications(tx, "incident.declared", { actor: actor.label, incident: incidentFacts({ ...incident, status: "triggered" }) });
  return incident;
}

export async function declareIncident(actor: Actor, input: DeclareIncidentInput) {
  return db.$transaction((tx) => declareIncidentIn(tx, actor, input));
}

type Locked = Awaited<ReturnType<typeof lockIncident>>;

/**
 * Moves a locked incident to `to` inside the caller's transaction; the move must be allowed.
 * A machine move (alerts) stamps only the state it reaches: alerts resolving is no one's
 * acknowledgement, so skipped states stay unstamped and MTTA stays honest. It may also reopen
 * to triggered, for an incident no person ever acknowledged.
 */
export async function moveIncidentIn(tx: Tx, actor: Actor, incident: Locked, to: Status, reopen: boolean, machine = false) {
  const from = incident.status;
  const move = machine && reopen && to === "triggered" && from !== "triggered" ? ({ ok: true, kind: "reopen" } as const) : checkMove(from, to, reopen);
  if (!move.ok) throw new ValidationError(move.reason);
  const stamps = stampsFor(from, to, incident, new Date());
  if (machine && move.kind === "forward") {
    const target = STATUS_STAMP[to as keyof typeof STATUS_STAMP];
    for (const field of Object.keys(stamps) as StampField[]) if (field !== target) delete stamps[field];
  }
  await tx.incident.update({ where: { id: incident.id }, data: { status: to, ...stamps } });
  await record(tx, actor, incident, move.kind === "reopen" ? "incident.reopen" : "incident.status", "status", { status: from }, { status: to, reopen: move.kind === "reopen" });
  // Resolution starts the post-incident work: the default checklists, once per incident.
  if (to === "resolved" || to === "closed") await addDefaultChecklists(tx, actor, incident);
  // Closed straight from an open state is a resolution too (it stamps resolvedAt); resolved → closed is not news.
  if (move.kind === "forward" && STATUSES.indexOf(to) >= RESOLVED && STATUSES.indexOf(from) < RESOLVED) {
    await enqueueNotifications(tx, "incident.resolved", { actor: actor.label, incident: incidentFacts(incident, { status: to }), change: { status: { from, to } } });
  }
}

/** Sets a locked incident's severity inside the caller's transaction. */
export async function setSeverityIn(tx: Tx, actor: Actor, incident: Locked, to: Severity) {
  if (incident.severity === to) return;
  await tx.incident.update({ where: { id: incident.id }, data: { severity: to } });
  await record(tx, actor, incident, "incident.severity", "severity", { severity: incident.severity }, { severity: to });
  await enqueueNotifications(tx, "incident.severity", {
    actor: actor.label, incident: incidentFacts(incident, { severity: to }), change: { severity: { from: incident.severity, to } },
  });
}

export async function changeIncidentStatus(actor: Actor, id: string, from: Status, to: Status, reopen: boolean) {
  return db.$transaction(async (tx) => {
    // Reopening a merged incident un-merges it (merge.ts): its survivor is locked too, in id order.
    const merged = await tx.incident.findUnique({ where: { id }, select: { mergedIntoId: true } });
    if (merged?.mergedIntoId) await lockIncidents(tx, [id, merged.mergedIntoId]);
    const incident = await lockIncident(tx, id);
    if (incident.status !== from) await conflict(tx, id, "status", "status", incident.status);
    if (incident.mergedIntoId && reopen) await unmergeIn(tx, actor, incident);
    await moveIncidentIn(tx, actor, incident, to, reopen);
    return { number: incident.number, status: to };
  });
}

export async function changeIncidentSeverity(actor: Actor, id: string, from: Severity, to: Severity) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, id);
    if (incident.severity !== from) await conflict(tx, id, "severity", "severity", incident.severity);
    await setSeverityIn(tx, actor, incident, to);
    return { number: incident.number, severity: to };
  });
}

export async function assignIncidentRole(actor: Actor, id: string, role: IncidentRole, from: string | null, userId: string | null) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, id);
    const column = ROLE_COLUMN[role];
    const label = async (uid: string | null) =>
      uid ? ((await tx.user.findUnique({ where: { id: uid }, select: { name: true } }))?.name ?? "a former user") : "nobody";
    if (incident[column] !== from) await conflict(tx, id, "role", role, await label(incident[column]), role);
    if (from === userId) return { number: incident.number };
    if (userId) {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true, role: true } });
      if (!user?.active) throw new ValidationError("That person cannot be assigned: their account is missing or deactivated.");
      if (user.role === "viewer") throw new ValidationError("Viewers cannot hold an incident role; ask an admin to make them a responder.");
    }
    await tx.incident.update({ where: { id }, data: { [column]: userId } });
    await record(tx, actor, incident, "incident.role", "role",
      { role, userId: from, name: await label(from) }, { role, userId, name: await label(userId) });
    return { number: incident.number };
  });
}

type DetailChange = { field: "title" | "summary"; from: string; to: string } | { field: "services"; from: string[]; to: string[] };

export async function updateIncidentDetails(actor: Actor, id: string, change: DetailChange) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, id);
    const current = incident[change.field];
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(current, change.from)) {
      await conflict(tx, id, change.field, change.field, Array.isArray(current) ? current.join(", ") || "none" : current || "(empty)");
    }
    if (same(change.from, change.to)) return { number: incident.number };
    await tx.incident.update({ where: { id }, data: { [change.field]: change.to } });
    await record(tx, actor, incident, `incident.${change.field}`, change.field, { [change.field]: change.from }, { [change.field]: change.to });
    return { number: incident.number };
  });
}

export async function addTimelineNote(actor: Actor, incidentId: string, body: string, occurredAt?: Date) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    const event = await addTimelineEvent(tx, { incidentId, kind: "note", actor, body, occurredAt });
    await tx.incident.update({ where: { id: incidentId }, data: { version: { increment: 1 } } });
    await appendAudit(tx, {
      actor, verb: "incident.note", target: { type: "incident", id: incidentId },
      after: { ref: incidentRef(incident.number), eventId: event.id.toString(), occurredAt: occurredAt?.toISOString() ?? null, length: body.length },
    });
    return { id: event.id };
  });
}

export async function pinTimelineEvent(actor: Actor, eventId: bigint, pinned: boolean) {
  return db.$transaction(async (tx) => {
    const event = await tx.timelineEvent.findUnique({ where: { id: eventId }, select: { incidentId: true, pinned: true } });
    if (!event) throw new NotFoundError("That timeline event does not exist.");
    const incident = await lockIncident(tx, event.incidentId);
    if (event.pinned === pinned) return;
    await tx.timelineEvent.update({ where: { id: eventId }, data: { pinned } });
    await tx.incident.update({ where: { id: incident.id }, data: { version: { increment: 1 } } });
    await appendAudit(tx, {
      actor, verb: pinned ? "incident.event.pin" : "incident.event.unpin", target: { type: "incident", id: incident.id },
      after: { ref: incidentRef(incident.number), eventId: eventId.toString() },
    });
  });
}
