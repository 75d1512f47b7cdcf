import "server-only";
import type { Prisma, Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { touchIncident } from "@/lib/incidents/lock";
import { incidentRef } from "@/lib/incidents/rules";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { storableJson } from "./storable";

// How every step of an action run is recorded: one audit entry, and on an incident's run also a
// timeline event and a bump of the incident's version, so everyone following it sees it live.
// The audit target is the incident when there is one (the war room's change feed), else the
// service (its page's feed); `runId` in the entry ties the steps of one run together.

export type RunRef = { id: string; service: string; action: string; incidentId: string | null; runbookRunId: string | null; step: string | null };
/** A dry run is recorded the same way, without a run. */
type EventRef = Omit<RunRef, "id"> & { id: string | null };

export async function recordRunEvent(tx: Tx, actor: Actor, run: EventRef, verb: string, data: Record<string, unknown>) {
  // Texts from the target (an error, a verification's detail) may hold bytes jsonb refuses
  const details = storableJson({
    ...(run.id ? { runId: run.id } : {}), service: run.service, action: run.action,
    ...(run.runbookRunId ? { runbookRunId: run.runbookRunId, step: run.step } : {}),
    ...data,
  });
  if (!run.incidentId) {
    await appendAudit(tx, { actor, verb, target: { type: "service", id: run.service }, after: details });
    return;
  }
  const number = await touchIncident(tx, run.incidentId);
  await addTimelineEvent(tx, { incidentId: run.incidentId, kind: "action", actor, data: { event: verb, ...details } as Prisma.InputJsonValue });
  await appendAudit(tx, { actor, verb, target: { type: "incident", id: run.incidentId }, after: { ref: incidentRef(number), ...details } });
}

export const RUN_REF_SELECT = { id: true, service: true, action: true, incidentId: true, runbookRunId: true, step: true } as const;
