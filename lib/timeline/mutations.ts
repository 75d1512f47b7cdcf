import "server-only";
import type { Prisma, Tx } from "@/lib/db";
import type { Actor } from "@/lib/audit/mutations";

export type TimelineInput = {
  incidentId: string;
  kind: string;
  actor: Actor;
  occurredAt?: Date;
  body?: string | null;
  data?: Prisma.InputJsonValue;
};

/** Appends an event to an incident's timeline, inside the caller's transaction. */
export function addTimelineEvent(tx: Tx, e: TimelineInput) {
  return tx.timelineEvent.create({
    data: {
      incidentId: e.incidentId,
      kind: e.kind,
      actorId: e.actor.id,
      actorLabel: e.actor.label,
      occurredAt: e.occurredAt ?? new Date(),
      body: e.body ?? null,
      data: e.data,
    },
    select: { id: true },
  });
}
