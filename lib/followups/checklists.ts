import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { lockIncidentRow } from "@/lib/incidents/lock";
import { incidentRef } from "@/lib/incidents/rules";
import { checklistItemsSchema } from "@/lib/reports/template-queries";
import { addTimelineEvent } from "@/lib/timeline/mutations";

// Checklists on an incident: a template's items copied at the time (later template edits leave
// them alone), one instance per template per incident, each item checked by someone at a time.

export const FOLLOWUP_KIND = "followup";

type Template = { id: string; name: string; version: number; items: unknown };

/** Copies a template onto an incident whose row the caller has locked. */
async function instantiate(tx: Tx, actor: Actor, incident: { id: string; number: number }, t: Template, automatic: boolean) {
  const items = checklistItemsSchema.parse(t.items);
  const checklist = await tx.checklist.create({
    data: {
      incidentId: incident.id, templateId: t.id, templateVersion: t.version, name: t.name, createdById: actor.id, createdByLabel: actor.label,
      items: { create: items.map((item, position) => ({ incidentId: incident.id, bucket: item.bucket, text: item.text, position })) },
    },
    select: { id: true },
  });
  await addTimelineEvent(tx, { incidentId: incident.id, kind: FOLLOWUP_KIND, actor, data: { event: "checklist.add", name: t.name, items: items.length, automatic } });
  await appendAudit(tx, {
    actor, verb: "checklist.add", target: { type: "incident", id: incident.id },
    after: { ref: incidentRef(incident.number), checklistId: checklist.id, templateId: t.id, templateVersion: t.version, name: t.name, items: items.length, automatic },
  });
  return checklist;
}

const templateSelect = { id: true, name: true, version: true, items: true } as const;

/**
 * On resolution, inside the status change's transaction (the incident row is already locked):
 * adds every default checklist template the incident does not have yet. Resolving again after a
 * reopen finds them there and adds nothing.
 */
export async function addDefaultChecklists(tx: Tx, actor: Actor, incident: { id: string; number: number }) {
  // One after another: queries on one transaction's connection cannot run side by side.
  const templates = await tx.checklistTemplate.findMany({ where: { isDefault: true, archived: false }, select: templateSelect, orderBy: { name: "asc" } });
  const existing = await tx.checklist.findMany({ where: { incidentId: incident.id }, select: { templateId: true } });
  const have = new Set(existing.map((c) => c.templateId));
  for (const t of templates.filter((t) => !have.has(t.id))) await instantiate(tx, actor, incident, t, true);
}

/** A responder adds a template's checklist to an incident, once. */
export async function addChecklist(actor: Actor, incidentId: string, templateId: string) {
  return db.$transaction(async (tx) => {
    // Serialized with the status change that adds the defaults, so neither trips on the unique index.
    const number = await lockIncidentRow(tx, incidentId);
    const t = await tx.checklistTemplate.findUnique({ where: { id: templateId }, select: { ...templateSelect, archived: true } });
    if (!t || t.archived) throw new NotFoundError("That checklist template does not exist or has been archived.");
    const there = await tx.checklist.findFirst({ where: { incidentId, templateId }, select: { createdByLabel: true, createdAt: true } });
    if (there) {
      throw new ConflictError(`“${t.name}” is already on ${incidentRef(number)} (added by ${there.createdByLabel} at ${there.createdAt.toISOString().slice(11, 16)} UTC).`);
    }
    const checklist = await instantiate(tx, actor, { id: incidentId, number }, t, false);
    return { number, checklistId: checklist.id, name: t.name };
  });
}

/**
 * Checks or unchecks one item. The update is conditional on the current state, so two people
 * checking at once give one check (the first), and the second call is a quiet no-op that
 * reports who got there first, never an error.
 */
export async function setChecklistItem(actor: Actor, itemId: string, checked: boolean) {
  return db.$transaction(async (tx) => {
    const item = await tx.checklistItem.findUnique({ where: { id: itemId }, select: { id: true, text: true, incidentId: true, checklist: { select: { name: true, incident: { select: { number: true } } } } } });
    if (!item) throw new NotFoundError("That checklist item no longer exists.");
    const at = new Date();
    const { count } = await tx.checklistItem.updateMany({
      where: { id: itemId, checkedAt: checked ? null : { not: null } },
      data: checked ? { checkedAt: at, checkedById: actor.id, checkedByLabel: actor.label } : { checkedAt: null, checkedById: null, checkedByLabel: null },
    });
    const now = await tx.checklistItem.findUniqueOrThrow({ where: { id: itemId }, select: { checkedAt: true, checkedByLabel: true } });
    if (count === 0) return { number: item.checklist.incident.number, changed: false, ...now };
    const verb = checked ? "checklist.check" : "checklist.uncheck";
    await addTimelineEvent(tx, { incidentId: item.incidentId, kind: FOLLOWUP_KIND, actor, data: { event: verb, text: item.text, checklist: item.checklist.name } });
    await appendAudit(tx, {
      actor, verb, target: { type: "incident", id: item.incidentId },
      after: { ref: incidentRef(item.checklist.incident.number), itemId, text: item.text, checklist: item.checklist.name },
    });
    return { number: item.checklist.incident.number, changed: true, ...now };
  });
}
