import "server-only";
import { cache } from "react";
import { db, type Prisma } from "@/lib/db";
import { ChainVerifier, type ChainReport } from "@/lib/audit/chain";
import type { AuditFilter } from "@/lib/audit/schemas";

export const AUDIT_PAGE_SIZE = 50;

function whereFor(f: AuditFilter): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (f.actor) and.push({ actorLabel: { contains: f.actor, mode: "insensitive" } });
  if (f.verb) and.push({ verb: { startsWith: f.verb } });
  if (f.target) {
    and.push({
      OR: [
        { targetType: { contains: f.target, mode: "insensitive" } },
        { targetId: { contains: f.target, mode: "insensitive" } },
        { after: { path: ["email"], string_contains: f.target.toLowerCase() } },
      ],
    });
  }
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  if (f.before) and.push({ seq: { lt: f.before } });
  return { AND: and };
}

/** Newest first, keyset-paginated on seq. */
export const listAuditEntries = cache(async (filter: AuditFilter) => {
  const rows = await db.auditEntry.findMany({
    where: whereFor(filter),
    orderBy: { seq: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      seq: true, at: true, actorId: true, actorLabel: true, verb: true,
      targetType: true, targetId: true, before: true, after: true, hash: true,
    },
  });
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, nextBefore: hasMore ? entries[entries.length - 1].seq : null };
});

export type AuditListEntry = Awaited<ReturnType<typeof listAuditEntries>>["entries"][number];

export const listAuditVerbs = cache(async () => {
  const rows = await db.auditEntry.findMany({ distinct: ["verb"], select: { verb: true }, orderBy: { verb: "asc" } });
  return rows.map((r) => r.verb);
});

const VERIFY_BATCH = 2000;

/**
 * Walks the whole chain in seq order, in batches, and reports the first bad entry.
 * The head is read first and the walk stops at it: the head and its entry commit together, so
 * every entry up to it exists, and entries written during the walk cannot look like tampering.
 */
export async function verifyAuditChain(): Promise<ChainReport> {
  const head = await db.auditHead.findUnique({ where: { id: 1 }, select: { seq: true, hash: true } });
  const verifier = new ChainVerifier();
  const last = head?.seq ?? 0n;
  let after = 0n;
  let first = true;
  for (;;) {
    const batch = await db.auditEntry.findMany({
      where: first ? { seq: { lte: last } } : { seq: { gt: after, lte: last } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
    });
    first = false;
    verifier.feed(batch);
    if (verifier.failed || batch.length < VERIFY_BATCH) break;
    after = batch[batch.length - 1].seq;
  }
  return verifier.finish(head);
}

export const getAuditChainReport = cache(verifyAuditChain);
