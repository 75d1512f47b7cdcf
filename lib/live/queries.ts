import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

export type AuditChange = { seq: bigint; targetType: string; targetId: string | null; verb: string };

/**
 * The audit log's tail after `cursor`. Writers serialize on the AuditHead row lock, so seq order
 * is commit order and the visible entries are always a gap-free prefix: reading "after the last
 * seq I saw" never skips an entry that commits later.
 */
export function listAuditChangesAfter(cursor: bigint, limit: number): Promise<AuditChange[]> {
  return db.$queryRaw<AuditChange[]>`
    SELECT seq, "targetType", "targetId", verb FROM "AuditEntry" WHERE seq > ${cursor} ORDER BY seq LIMIT ${limit}`;
}

/** Entries in (after, upTo], oldest first: a reconnecting browser's missed changes. */
export function listAuditChangesBetween(after: bigint, upTo: bigint): Promise<AuditChange[]> {
  return db.$queryRaw<AuditChange[]>`
    SELECT seq, "targetType", "targetId", verb FROM "AuditEntry" WHERE seq > ${after} AND seq <= ${upTo} ORDER BY seq`;
}

/** The newest committed seq (the head row commits together with its entry). */
export async function getLatestAuditSeq(): Promise<bigint> {
  const head = await db.auditHead.findUnique({ where: { id: 1 }, select: { seq: true } });
  return head?.seq ?? 0n;
}

/**
 * The seq a server render's data is current to, for LiveRefresh's `since`: read it before the
 * page's data (once per request), so a change committed while the page renders is replayed.
 */
export const getRenderSeq = cache(async (): Promise<string> => String(await getLatestAuditSeq()));

/** Session versions of the users who are still active: anyone missing was deactivated or deleted. */
export async function getActiveSessionVersions(userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: userIds }, active: true }, select: { id: true, sessionVersion: true } });
  return new Map(rows.map((r) => [r.id, r.sessionVersion]));
}
