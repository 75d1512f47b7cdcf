import "server-only";
import type { Tx } from "@/lib/db";
import { auditSafe, hashEntry } from "@/lib/audit/chain";

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
 * Appends one entry to the audit chain. Call it inside the transaction that makes the change,
 * so the change and its entry commit or roll back together. Locking the head row serializes
 * writers across every app instance, so the chain never forks.
 */
export async function appendAudit(tx: Tx, input: AuditInput) {
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE`;
  if (!head) throw new Error("AuditHead row is missing: run the migrations (npm run db:deploy)");

  const fields = {
    seq: head.seq + 1n,
    at: new Date(),
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    verb: input.verb,
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    before: auditSafe(input.before),
    after: auditSafe(input.after),
    prevHash: head.hash,
  };
  const hash = hashEntry(fields);
  await tx.auditEntry.create({
    data: { ...fields, before: fields.before ?? undefined, after: fields.after ?? undefined, hash },
  });
  await tx.auditHead.update({ where: { id: 1 }, data: { seq: fields.seq, hash } });
  return { seq: fields.seq, hash };
}
