import "server-only";
import { db } from "@/lib/db";
import { actionOverdueSql, checklistDueSql, checklistOverdueSql, pendingChecklistSql } from "@/lib/followups/sql";

// The war room's overdue follow-ups, in one aggregate query: a count per incident (for the open
// incidents' cards) and the few incidents with the oldest overdue work (resolved ones have left
// the board, so the strip is where they show).

export type OverdueGroup = {
  incidentId: string;
  number: number;
  title: string;
  status: string;
  count: number;
  /** the oldest overdue item's due time and title */
  oldestDueAt: string;
  oldestTitle: string;
};
export type OverdueSummary = { total: number; incidents: number; groups: OverdueGroup[] };

type Row = { incidentId: string; number: number; title: string; status: string; count: number; oldestDueAt: Date; oldestTitle: string; total: number; incidents: number };

/** Every open incident's group, plus the `top` resolved or closed ones overdue the longest. */
export async function getOverdueSummary(top = 5, now = new Date()): Promise<OverdueSummary> {
  const rows = await db.$queryRaw<Row[]>`
    WITH overdue AS (
      SELECT ci."incidentId", ci."text" AS title, ${checklistDueSql} AS due
      FROM "ChecklistItem" ci JOIN "Incident" i ON i."id" = ci."incidentId"
      WHERE ${pendingChecklistSql} AND ${checklistOverdueSql(now)}
      UNION ALL
      SELECT a."incidentId", a."title", a."dueAt" FROM "ActionItem" a WHERE ${actionOverdueSql(now)}
    ), groups AS (
      SELECT o."incidentId", count(*)::int AS count, min(o.due) AS "oldestDueAt", (array_agg(o.title ORDER BY o.due))[1] AS "oldestTitle"
      FROM overdue o GROUP BY o."incidentId"
    ), ranked AS (
      SELECT g.*, i."number", i."title", i."status"::text AS status,
             -- Ranked apart: open incidents (badged on their cards) must not crowd resolved ones out of the strip.
             row_number() OVER (PARTITION BY i."status" IN ('resolved', 'closed') ORDER BY g."oldestDueAt", i."number") AS rank,
             (sum(g.count) OVER ())::int AS total, (count(*) OVER ())::int AS incidents
      FROM groups g JOIN "Incident" i ON i."id" = g."incidentId"
    )
    SELECT "incidentId", "number", "title", status, count, "oldestDueAt", "oldestTitle", total, incidents FROM ranked
    WHERE rank <= ${top}::int OR status NOT IN ('resolved', 'closed')
    ORDER BY "oldestDueAt", "number"`;
  return {
    total: rows[0]?.total ?? 0,
    incidents: rows[0]?.incidents ?? 0,
    groups: rows.map((r) => ({ incidentId: r.incidentId, number: r.number, title: r.title, status: r.status, count: r.count, oldestDueAt: r.oldestDueAt.toISOString(), oldestTitle: r.oldestTitle })),
  };
}
