import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { incidentRef } from "@/lib/incidents/rules";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { FOLLOWUP_KIND } from "@/lib/followups/checklists";
import { ACTION_STATUS_LABELS, type ActionStatus } from "@/lib/followups/rules";
import type { ActionItemFields, CreateActionItemInput } from "@/lib/followups/schemas";

// Action items: the follow-up work an incident leaves behind, each with an owner, a due date and
// a link to the tracker where it is done. No hard delete: "won't do" keeps the decision on record.

/** An owner must be someone who can do the work: an active responder or admin. */
async function checkOwner(tx: Tx, ownerId: string | null) {
  if (!ownerId) return null;
  const u = await tx.user.findUnique({ where: { id: ownerId }, select: { name: true, active: true, role: true } });
  if (!u?.active) throw new ValidationError("Some fields need attention.", { ownerId: ["That person's account is missing or deactivated: pick someone else."] });
  if (u.role === "viewer") throw new ValidationError("Some fields need attention.", { ownerId: ["Viewers cannot own action items; ask an admin to make them a responder."] });
  return u.name;
}

const snapshot = (f: { title: string; ownerId: string | null; dueAt: Date | null; status: ActionStatus; trackerUrl: string | null }, ownerName: string | null) => ({
  title: f.title, ownerId: f.ownerId, owner: ownerName, dueAt: f.dueAt?.toISOString() ?? null, status: f.status, trackerUrl: f.trackerUrl,
});

async function record(tx: Tx, actor: Actor, incident: { id: string; number: number }, verb: string, item: { id: string; title: string }, before: object | undefined, after: object) {
  // `from`: what it was, so the timeline can say what changed (as incident events do).
  await addTimelineEvent(tx, { incidentId: incident.id, kind: FOLLOWUP_KIND, actor, data: { event: verb, actionItemId: item.id, title: item.title, ...after, ...(before ? { from: before } : {}) } as never });
  await appendAudit(tx, { actor, verb, target: { type: "incident", id: incident.id }, before, after: { ref: incidentRef(incident.number), actionItemId: item.id, ...after } });
}

export async function createActionItem(actor: Actor, incidentId: string, input: CreateActionItemInput) {
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true, number: true } });
    if (!incident) throw new NotFoundError("That incident does not exist.");
    const ownerName = await checkOwner(tx, input.ownerId);
    const item = await tx.actionItem.create({
      data: { incidentId, title: input.title, ownerId: input.ownerId, dueAt: input.dueAt, status: input.status, trackerUrl: input.trackerUrl, createdById: actor.id, createdByLabel: actor.label },
      select: { id: true, title: true },
    });
    await record(tx, actor, incident, "action_item.create", item, undefined, snapshot(input, ownerName));
    return { number: incident.number, id: item.id };
  });
}

/** Who last changed this action item, and when, from its audit trail. */
async function lastChange(tx: Tx, incidentId: string, id: string) {
  const e = await tx.auditEntry.findFirst({
    where: { targetType: "incident", targetId: incidentId, verb: { startsWith: "action_item." }, after: { path: ["actionItemId"], equals: id } },
    orderBy: { seq: "desc" },
    select: { actorLabel: true, at: true },
  });
  return e ? `${e.actorLabel} changed it at ${e.at.toISOString().slice(11, 16)} UTC` : "someone changed it";
}

const itemSelect = { id: true, incidentId: true, title: true, ownerId: true, dueAt: true, status: true, trackerUrl: true, version: true, owner: { select: { name: true } }, incident: { select: { number: true } } } as const;

/**
 * Applies `change` if the item is still at `version`. A stale edit is refused with who changed
 * it and when: the editor sees the current values and decides, nothing is silently overwritten.
 */
async function update(actor: Actor, id: string, version: number, change: Partial<ActionItemFields>, verb: string) {
  return db.$transaction(async (tx) => {
    const cur = await tx.actionItem.findUnique({ where: { id }, select: itemSelect });
    if (!cur) throw new NotFoundError("That action item no longer exists.");
    const incident = { id: cur.incidentId, number: cur.incident.number };
    if (cur.version !== version) {
      throw new ConflictError(`Someone edited “${cur.title}” while you were looking (${await lastChange(tx, cur.incidentId, id)}). It is now ${ACTION_STATUS_LABELS[cur.status]}, owned by ${cur.owner?.name ?? "nobody"}. Check it and try again if needed.`);
    }
    // An owner who has since left may stay on the item: only a new owner must be an active responder.
    const ownerChanged = "ownerId" in change && (change.ownerId ?? null) !== cur.ownerId;
    const ownerName = ownerChanged ? await checkOwner(tx, change.ownerId ?? null) : (cur.owner?.name ?? null);
    const { count } = await tx.actionItem.updateMany({ where: { id, version }, data: { ...change, version: { increment: 1 } } });
    // Lost the race to a concurrent edit between our read and our write.
    if (count === 0) throw new ConflictError(`Someone edited “${cur.title}” at the same moment (${await lastChange(tx, cur.incidentId, id)}). Check it and try again if needed.`);
    const next = { ...cur, ...change };
    await record(tx, actor, incident, verb, next, snapshot(cur, cur.owner?.name ?? null), snapshot(next, ownerName));
    return { number: incident.number, version: version + 1 };
  });
}

export const updateActionItem = (actor: Actor, id: string, version: number, fields: ActionItemFields) => update(actor, id, version, fields, "action_item.update");

export const setActionItemStatus = (actor: Actor, id: string, version: number, status: ActionStatus) => update(actor, id, version, { status }, "action_item.status");
