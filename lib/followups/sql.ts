import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { BUCKETS, BUCKET_NAMES } from "@/lib/reports/buckets";

// SQL shared by the Follow-ups page and the war room. A checklist item is due at the incident's
// resolution + its bucket's end; it is overdue once unchecked past that. Written per bucket as
// `resolvedAt < now - end`, so the database filters with plain comparisons instead of us loading
// every unchecked item of every incident.

/** The due time of a checklist item `ci` of incident `i`. */
export const checklistDueSql = Prisma.sql`(i."resolvedAt" + CASE ci."bucket" ${Prisma.join(
  BUCKET_NAMES.map((b) => Prisma.sql`WHEN ${b} THEN ${BUCKETS[b].endMs}::bigint * interval '1 millisecond'`),
  " ",
)} END)`;

/** Unchecked checklist items of `i` past their due time at `now`. */
export function checklistOverdueSql(now: Date) {
  return Prisma.sql`(ci."checkedAt" IS NULL AND (${Prisma.join(
    BUCKET_NAMES.map((b) => Prisma.sql`(ci."bucket" = ${b} AND i."resolvedAt" < ${new Date(now.getTime() - BUCKETS[b].endMs)})`),
    " OR ",
  )}))`;
}

/** Open or in-progress action items `a` past their due date at `now`. */
export const actionOverdueSql = (now: Date) =>
  Prisma.sql`(a."status" IN ('open', 'in_progress') AND a."dueAt" IS NOT NULL AND a."dueAt" < ${now})`;

/** Checklist items still counted as follow-ups: unchecked, on an incident that has been resolved. */
export const pendingChecklistSql = Prisma.sql`(ci."checkedAt" IS NULL AND i."status" IN ('resolved', 'closed') AND i."resolvedAt" IS NOT NULL)`;
