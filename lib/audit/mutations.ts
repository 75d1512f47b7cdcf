import "server-only";
import type { Tx } from "@/lib/db";
import { appendPrepared, prepareEntry, queueAudit } from "@/lib/audit/append";

export type Actor = { id: string | null; label: string };
export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export type AuditInput = {
  actor: Actor;
  verb: string;
  target: { type: string; id?: string | null };
  before?: unknown;
  after?: unknown;
};

/**
 * Records one audit entry as part of the transaction that makes the change, so the change and
 * its entry commit or roll back together. Inside `db.$transaction` the entry is appended at the
 * transaction's end, with every other entry it wrote, in one statement under the chain head's
 * lock (lib/audit/append.ts): the lock is held only from that statement to the commit, and the
 * chain never forks across app instances.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const entry = prepareEntry({
    at: new Date(),
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    verb: input.verb,
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    before: input.before,
    after: input.after,
  });
  if (queueAudit(tx, entry)) return;
  // A transaction opened some other way (not through lib/db.ts): append now.
  await appendPrepared(tx, [entry]);
}
