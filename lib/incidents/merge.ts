import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { lockIncidentRow } from "@/lib/incidents/lock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { incidentRef, isOpen } from "@/lib/incidents/rules";
import type { MergeIncidentInput } from "@/lib/incidents/schemas";

// Merging a duplicate incident into the one that survives. The duplicate closes as "merged into
// INC-n" (no acknowledge/mitigate/resolve milestones stamped: it is left out of MTTx), its alert
// groups and alerts move to the survivor (recorded, so Reopen on the duplicate brings back what
// is still there), its services join the survivor's. Both sides get a timeline event and an
// audit entry, in one transaction.

/** Locks the incidents in id order: every transaction that locks more than one does the same. */
export async function lockIncidents(tx: Tx, ids: string[]) {
  for (const id of [...new Set(ids)].sort()) await lockIncidentRow(tx, id);
}

/** The incident a chain of merges ends at (a merged incident's survivor may itself have been merged). */
async function endOfChain(tx: Tx, id: string): Promise<number> {
  let current = await tx.incident.findUniqueOrThrow({ where: { id }, select: { number: true, mergedIntoId: true } });
  for (let hops = 0; current.mergedIntoId && hops < 20; hops++) {
    current = await tx.incident.findUniqueOrThrow({ where: { id: current.mergedIntoId }, select: { number: true, mergedIntoId: true } });
  }
  return current.number;
}

type Row = Awaited<ReturnType<typeof readPair>>["duplicate"];

async function readPair(tx: Tx, incidentId: string, into: number) {
  const target = await tx.incident.findUnique({ where: { number: into }, select: { id: true } });
  if (!target) throw new NotFoundError(`There is no ${incidentRef(into)}. Check the number.`);
  if (target.id === incidentId) throw new ValidationError("An incident cannot be merged into itself: pick the incident that stays.");
  await lockIncidents(tx, [incidentId, target.id]);
  const read = (id: string) => tx.incident.findUnique({ where: { id } });
  const [duplicate, survivor] = await Promise.all([read(incidentId), read(target.id)]);
  if (!duplicate || !survivor) throw new NotFoundError("That incident does not exist.");
  return { duplicate, survivor };
}

async function refuse(tx: Tx, duplicate: Row, survivor: Row, version: number) {
  const dup = incidentRef(duplicate.number), into = incidentRef(survivor.number);
  if (duplicate.mergedIntoId) throw new ConflictError(`${dup} is already merged into ${incidentRef(await endOfChain(tx, duplicate.id))}.`);
  if (duplicate.version !== version) {
    throw new ConflictError(`Someone changed ${dup} while you were looking. Check the page, then merge again if it still makes sense.`);
  }
  if (!isOpen(duplicate.status)) throw new ValidationError(`${dup} is ${duplicate.status}: only an open incident can be merged. Reopen it first.`);
  // A chain is refused rather than followed: the person should see which incident they merge into.
  if (survivor.mergedIntoId) throw new ValidationError(`${into} was merged into ${incidentRef(await endOfChain(tx, survivor.id))}: merge into that one instead.`);
  if (!isOpen(survivor.status)) throw new ValidationError(`${into} is ${survivor.status}: merge into an open incident, or reopen ${into} first.`);
}

export async function mergeIncident(actor: Actor, input: MergeIncidentInput) {
  return db.$transaction(async (tx) => {
    const { duplicate, survivor } = await readPair(tx, input.incidentId, input.into);
    await refuse(tx, duplicate, survivor, input.version);
    const [groups, alerts] = await Promise.all([
      tx.alertGroup.findMany({ where: { incidentId: duplicate.id }, select: { id: true } }),
      tx.alert.findMany({ where: { incidentId: duplicate.id }, select: { id: true } }),
    ]);
    const groupIds = groups.map((g) => g.id), alertIds = alerts.map((a) => a.id);
    await tx.alertGroup.updateMany({ where: { id: { in: groupIds } }, data: { incidentId: survivor.id } });
    await tx.alert.updateMany({ where: { id: { in: alertIds } }, data: { incidentId: survivor.id } });
    const added = duplicate.services.filter((s) => !survivor.services.includes(s));
    const now = new Date();
    await tx.incident.update({
      where: { id: duplicate.id },
      // closedAt only: it stopped here, but nobody acknowledged, mitigated or resolved it as such.
      data: { status: "closed", closedAt: now, mergedIntoId: survivor.id, mergedAt: now, mergedGroupIds: groupIds, mergedAlertIds: alertIds, version: { increment: 1 } },
    });
    await tx.incident.update({ where: { id: survivor.id }, data: { services: [...survivor.services, ...added].slice(0, 50), version: { increment: 1 } } });
    const moved = { alerts: alertIds.length, groups: groupIds.length };
    await addTimelineEvent(tx, { incidentId: duplicate.id, kind: "merge", actor, data: { event: "merged", other: survivor.number, title: survivor.title, was: duplicate.status, ...moved } });
    await addTimelineEvent(tx, { incidentId: survivor.id, kind: "merge", actor, data: { event: "absorbed", other: duplicate.number, title: duplicate.title, added, ...moved } });
    const refs = { duplicate: incidentRef(duplicate.number), survivor: incidentRef(survivor.number) };
    await appendAudit(tx, {
      actor, verb: "incident.merge", target: { type: "incident", id: duplicate.id }, before: { status: duplicate.status },
      after: { ref: refs.duplicate, status: "closed", mergedInto: refs.survivor, groups: groupIds, alerts: alertIds.length },
    });
    await appendAudit(tx, {
      actor, verb: "incident.merge.receive", target: { type: "incident", id: survivor.id }, before: { services: survivor.services },
      after: { ref: refs.survivor, mergedFrom: refs.duplicate, groups: groupIds, alerts: alertIds.length, servicesAdded: added },
    });
    return { number: duplicate.number, into: survivor.number, ...moved };
  });
}

type Merged = { id: string; number: number; mergedIntoId: string | null; mergedGroupIds: string[]; mergedAlertIds: string[] };

/**
 * Reopening a merged incident un-merges it, inside the reopen's transaction (both rows already
 * locked, in order): the alert groups and alerts that moved come back if they are still on the
 * survivor (one that has since moved on, or a merge chain, stays where it is).
 */
export async function unmergeIn(tx: Tx, actor: Actor, incident: Merged) {
  if (!incident.mergedIntoId) return;
  const survivor = await tx.incident.findUniqueOrThrow({ where: { id: incident.mergedIntoId }, select: { id: true, number: true } });
  const groups = await tx.alertGroup.updateMany({ where: { id: { in: incident.mergedGroupIds }, incidentId: survivor.id }, data: { incidentId: incident.id } });
  const alerts = await tx.alert.updateMany({ where: { id: { in: incident.mergedAlertIds }, incidentId: survivor.id }, data: { incidentId: incident.id } });
  await tx.incident.update({ where: { id: incident.id }, data: { mergedIntoId: null, mergedAt: null, mergedGroupIds: [], mergedAlertIds: [] } });
  await tx.incident.update({ where: { id: survivor.id }, data: { version: { increment: 1 } } });
  const back = { alerts: alerts.count, groups: groups.count };
  await addTimelineEvent(tx, { incidentId: incident.id, kind: "merge", actor, data: { event: "unmerged", other: survivor.number, ...back } });
  await addTimelineEvent(tx, { incidentId: survivor.id, kind: "merge", actor, data: { event: "split", other: incident.number, ...back } });
  const refs = { duplicate: incidentRef(incident.number), survivor: incidentRef(survivor.number) };
  await appendAudit(tx, { actor, verb: "incident.unmerge", target: { type: "incident", id: incident.id }, after: { ref: refs.duplicate, from: refs.survivor, ...back } });
  await appendAudit(tx, { actor, verb: "incident.unmerge.release", target: { type: "incident", id: survivor.id }, after: { ref: refs.survivor, released: refs.duplicate, ...back } });
}
