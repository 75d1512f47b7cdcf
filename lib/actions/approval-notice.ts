import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";
import { enqueueNotifications } from "@/lib/notifications/outbox";
import { incidentFacts } from "@/lib/notifications/payload";
import type { RunRef } from "./run-record";

/** Tells the notification channels that a run waits for a second person (in the request's transaction). */
export async function notifyApprovalNeeded(tx: Tx, actor: Actor, run: RunRef, title: string, danger: string) {
  const incident = run.incidentId
    ? await tx.incident.findUnique({ where: { id: run.incidentId }, select: { id: true, number: true, title: true, severity: true, status: true, services: true } })
    : null;
  const facts = incident ? incidentFacts(incident) : undefined;
  await enqueueNotifications(tx, "action.approval", {
    actor: actor.label,
    incident: facts,
    action: {
      runId: run.id, service: run.service, name: run.action, title, danger, requestedBy: actor.label,
      // Approvals are given where the run is shown: the incident's page, or the service's.
      path: facts?.path ?? `/services/${encodeURIComponent(run.service)}`,
    },
  });
}
