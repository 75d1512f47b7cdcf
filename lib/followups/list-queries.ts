import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { actionOverdueSql, checklistDueSql, checklistOverdueSql, pendingChecklistSql } from "@/lib/followups/sql";
import type { FollowupFilter } from "@/lib/followups/schemas";

// The Follow-ups page: unchecked checklist items of resolved incidents and the action items
// still asking for work, across incidents, in one query sorted by due time, overdue first.

export type FollowupRow = {
  kind: "checklist" | "action";
  id: string;
  title: string;
  /** the checklist's name, or the action item's status */
  detail: string;
  bucket: string | null;
  ownerId: string | null;
  ownerName: string | null;
  dueAt: Date | null;
  overdue: boolean;
  incidentId: string;
  incidentNumber: number;
  incidentTitle: string;
  trackerUrl: string | null;
  total: number;
};

export const FOLLOWUPS_LIMIT = 200;
const none = Prisma.sql`FALSE`;

function checklistBranch(f: FollowupFilter, now: Date) {
  // Checklist items have no owner or status: a filter on either leaves only action items.
  if (f.kind === "action" || f.owner || f.status) return null;
  const where = [pendingChecklistSql, f.overdue ? checklistOverdueSql(now) : null, f.incident ? Prisma.sql`i."number" = ${f.incident}` : null].filter(Boolean) as Prisma.Sql[];
  return Prisma.sql`
    SELECT 'checklist' AS kind, ci."id", ci."text" AS title, c."name" AS detail, ci."bucket", NULL::text AS "ownerId", NULL::text AS "ownerName",
           ${checklistDueSql} AS "dueAt", i."id" AS "incidentId", i."number" AS "incidentNumber", i."title" AS "incidentTitle", NULL::text AS "trackerUrl"
    FROM "ChecklistItem" ci JOIN "Checklist" c ON c."id" = ci."checklistId" JOIN "Incident" i ON i."id" = ci."incidentId"
    WHERE ${Prisma.join(where, " AND ")}`;
}

function actionBranch(f: FollowupFilter, now: Date, ownerId: string | null) {
  if (f.kind === "checklist") return null;
  const where = [
    f.status ? Prisma.sql`a."status" = ${f.status}::"ActionItemStatus"` : Prisma.sql`a."status" IN ('open', 'in_progress')`,
    f.owner ? (ownerId ? Prisma.sql`a."ownerId" = ${ownerId}` : none) : null,
    f.overdue ? actionOverdueSql(now) : null,
    f.incident ? Prisma.sql`i."number" = ${f.incident}` : null,
  ].filter(Boolean) as Prisma.Sql[];
  return Prisma.sql`
    SELECT 'action' AS kind, a."id", a."title", a."status"::text AS detail, NULL::text AS "bucket", a."ownerId", u."name" AS "ownerName",
           a."dueAt", i."id" AS "incidentId", i."number" AS "incidentNumber", i."title" AS "incidentTitle", a."trackerUrl"
    FROM "ActionItem" a JOIN "Incident" i ON i."id" = a."incidentId" LEFT JOIN "User" u ON u."id" = a."ownerId"
    WHERE ${Prisma.join(where, " AND ")}`;
}

/** Follow-ups matching `f`; "mine" as the owner means `me`. */
export async function listFollowups(f: FollowupFilter, me: string): Promise<FollowupRow[]> {
  const now = new Date();
  const ownerId = f.owner === "mine" ? me : (f.owner ?? null);
  const branches = [checklistBranch(f, now), actionBranch(f, now, ownerId)].filter(Boolean) as Prisma.Sql[];
  if (!branches.length) return [];
  return db.$queryRaw<FollowupRow[]>`
    SELECT r.*, (r."dueAt" IS NOT NULL AND r."dueAt" < ${now} AND (r.kind = 'checklist' OR r.detail IN ('open', 'in_progress'))) AS overdue,
           (count(*) OVER ())::int AS total
    FROM (${Prisma.join(branches, " UNION ALL ")}) r
    ORDER BY overdue DESC, r."dueAt" ASC NULLS LAST, r."incidentNumber" DESC, r."id"
    LIMIT ${FOLLOWUPS_LIMIT}`;
}
