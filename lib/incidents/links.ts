import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { lockIncidents } from "@/lib/incidents/merge";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { incidentRef } from "@/lib/incidents/rules";
import type { LinkIncidentInput } from "@/lib/incidents/schemas";

// "Related to INC-n": a link both incidents show, removable. Stored once per pair (lower id as
// `a`), with a timeline event and an audit entry on each side.

async function pair(tx: Tx, input: LinkIncidentInput) {
  const [self, other] = await Promise.all([
    tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true, number: true, title: true } }),
    tx.incident.findUnique({ where: { number: input.other }, select: { id: true, number: true, title: true } }),
  ]);
  if (!self) throw new NotFoundError("That incident does not exist.");
  if (!other) throw new NotFoundError(`There is no ${incidentRef(input.other)}. Check the number.`);
  if (self.id === other.id) throw new ValidationError("An incident cannot be linked to itself.");
  await lockIncidents(tx, [self.id, other.id]);
  const [aId, bId] = [self.id, other.id].sort();
  return { self, other, key: { aId_bId: { aId, bId } }, aId, bId };
}

export async function linkIncidents(actor: Actor, input: LinkIncidentInput) {
  return db.$transaction(async (tx) => {
    const { self, other, key, aId, bId } = await pair(tx, input);
    if (await tx.incidentLink.findUnique({ where: key, select: { id: true } })) {
      throw new ConflictError(`${incidentRef(self.number)} is already linked to ${incidentRef(other.number)}.`);
    }
    await tx.incidentLink.create({ data: { aId, bId, createdById: actor.id, createdByLabel: actor.label } });
    await record(tx, actor, self, other, "linked");
    return { number: self.number, other: other.number };
  });
}

export async function unlinkIncidents(actor: Actor, input: LinkIncidentInput) {
  return db.$transaction(async (tx) => {
    const { self, other, key } = await pair(tx, input);
    const removed = await tx.incidentLink.deleteMany({ where: key.aId_bId });
    if (!removed.count) throw new ConflictError(`${incidentRef(self.number)} is no longer linked to ${incidentRef(other.number)}.`);
    await record(tx, actor, self, other, "unlinked");
    return { number: self.number, other: other.number };
  });
}

type Side = { id: string; number: number; title: string };

async function record(tx: Tx, actor: Actor, self: Side, other: Side, event: "linked" | "unlinked") {
  for (const [here, there] of [[self, other], [other, self]] as const) {
    await tx.incident.update({ where: { id: here.id }, data: { version: { increment: 1 } } });
    await addTimelineEvent(tx, { incidentId: here.id, kind: "link", actor, data: { event, other: there.number, title: there.title } });
    await appendAudit(tx, {
      actor, verb: event === "linked" ? "incident.link" : "incident.unlink", target: { type: "incident", id: here.id },
      after: { ref: incidentRef(here.number), other: incidentRef(there.number) },
    });
  }
}
