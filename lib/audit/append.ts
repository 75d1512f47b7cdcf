// The audit append: entries of a transaction are collected while it works and appended in ONE
// statement (sitrep_audit_append, see its migration) just before it commits. The chain head's
// row lock is therefore held for that statement and the COMMIT, not for the whole transaction:
// writers no longer queue behind the slowest transaction in the system.
// No `server-only` here: lib/db.ts imports this, and scripts and tests load lib/db.ts directly.
import { auditSafe, canonicalJson, type ChainedFields } from "@/lib/audit/chain";

/** An entry's own fields: everything the chain hashes except its place in the chain. */
export type AuditFields = Omit<ChainedFields, "seq" | "prevHash">;

/** An entry ready for the append function: its canonical JSON split around prevHash and seq. */
export type PreparedEntry = Omit<AuditFields, "at"> & { at: string; prefix: string; suffix: string };

type RawQuerier = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T> };
export type AppendResult = { firstSeq: bigint; lastSeq: bigint; lockedAt: Date };

/**
 * hashEntry() hashes canonicalJson of the entry with keys sorted; prevHash and seq sit next to
 * each other in that order (…"before", "prevHash", "seq", "targetId"…), so the text splits into
 * a prefix and a suffix around them that do not depend on the chain. The chain.test proves the
 * database's hash of prefix + prevHash + seq + suffix equals hashEntry().
 */
export function prepareEntry(fields: AuditFields): PreparedEntry {
  const before = auditSafe(fields.before);
  const after = auditSafe(fields.after);
  const at = fields.at.toISOString();
  const prefix =
    `{"actorId":${canonicalJson(fields.actorId)},"actorLabel":${canonicalJson(fields.actorLabel)},` +
    `"after":${canonicalJson(after)},"at":${canonicalJson(at)},"before":${canonicalJson(before)},"prevHash":`;
  const suffix =
    `,"targetId":${canonicalJson(fields.targetId)},"targetType":${canonicalJson(fields.targetType)},` +
    `"verb":${canonicalJson(fields.verb)}}`;
  return { ...fields, at, before, after, prefix, suffix };
}

/** Appends prepared entries in one statement; the caller's transaction commits them. */
export async function appendPrepared(tx: RawQuerier, entries: PreparedEntry[]): Promise<AppendResult> {
  const rows = await tx.$queryRawUnsafe<{ first_seq: bigint; last_seq: bigint; locked_at: Date }[]>(
    "SELECT first_seq, last_seq, locked_at FROM sitrep_audit_append($1::jsonb)",
    JSON.stringify(entries),
  );
  const row = rows[0];
  return { firstSeq: BigInt(row.first_seq), lastSeq: BigInt(row.last_seq), lockedAt: new Date(row.locked_at) };
}

// Entries waiting for their transaction's end, by transaction client. A transaction that rolls
// back simply drops its list with the client object.
const pending = new WeakMap<object, PreparedEntry[]>();

/** Called by lib/db.ts when a transaction opens: appendAudit on it now defers to the commit. */
export function openAuditBatch(tx: object): void {
  pending.set(tx, []);
}

/** Queues an entry if `tx` defers its appends; false when the caller must append it now. */
export function queueAudit(tx: object, entry: PreparedEntry): boolean {
  const list = pending.get(tx);
  if (!list) return false;
  list.push(entry);
  return true;
}

/** The transaction's last statement: appends everything it queued, if anything. */
export async function flushAuditBatch(tx: RawQuerier): Promise<AppendResult | null> {
  const list = pending.get(tx);
  pending.delete(tx);
  if (!list?.length) return null;
  return appendPrepared(tx, list);
}

// A benchmark can watch how long each append held the chain head's lock: from the moment the
// append function took it (the database's clock) to the moment our COMMIT returned (ours; the
// same host clock), so the figure includes the commit's round trip.
let holdObserver: ((holdMs: number, entries: number) => void) | null = null;
export function observeAuditHolds(fn: typeof holdObserver): void {
  holdObserver = fn;
}
export function auditCommitted(appended: AppendResult | null): void {
  if (appended && holdObserver) holdObserver(Date.now() - appended.lockedAt.getTime(), Number(appended.lastSeq - appended.firstSeq + 1n));
}
