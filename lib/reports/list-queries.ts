import "server-only";
import { cache } from "react";
import { db, type Prisma } from "@/lib/db";
import { PAGE_SIZE } from "@/lib/incidents/queries";
import { parseIncidentRef } from "@/lib/incidents/rules";
import type { IncidentTimes } from "@/lib/incidents/mttx";
import type { ReportFilter } from "@/lib/reports/list-schemas";

// The reports list (/reports, GET /api/reports): every post-incident report with its incident,
// the resolved incidents still owed a report, and the incidents behind the MTTx trend.

const person = { select: { id: true, name: true } } as const;

/** What the incident side of a filter asks: shared by the reports and the missing-reports list. */
function incidentWhere(f: ReportFilter): Prisma.IncidentWhereInput[] {
  const and: Prisma.IncidentWhereInput[] = [];
  if (f.severity?.length) and.push({ severity: { in: f.severity } });
  if (f.service) and.push({ services: { has: f.service } });
  if (f.from) and.push({ startedAt: { gte: f.from } });
  if (f.to) and.push({ startedAt: { lte: f.to } });
  return and;
}

function reportWhere(f: ReportFilter): Prisma.ReportWhereInput {
  const and: Prisma.ReportWhereInput[] = incidentWhere(f).map((incident) => ({ incident }));
  if (f.status !== "all") and.push({ status: f.status });
  if (f.template) and.push({ templateId: f.template });
  if (f.q) {
    const n = parseIncidentRef(f.q);
    and.push({
      OR: [
        ...(n ? [{ incident: { number: n } }] : []),
        { title: { contains: f.q, mode: "insensitive" } },
        { incident: { title: { contains: f.q, mode: "insensitive" } } },
      ],
    });
  }
  return { AND: and };
}

const reportListSelect = {
  id: true, title: true, status: true, revision: true, updatedAt: true, createdAt: true, createdByLabel: true,
  publishedAt: true, publishedByLabel: true,
  template: { select: { id: true, name: true } },
  incident: { select: { id: true, number: true, title: true, severity: true, services: true, startedAt: true, resolvedAt: true, commander: person } },
  sections: { orderBy: { updatedAt: "desc" }, take: 1, select: { updatedAt: true, updatedByLabel: true } },
} as const satisfies Prisma.ReportSelect;

type ReportListRow = Prisma.ReportGetPayload<{ select: typeof reportListSelect }>;
type Edit = { at: Date; by: string | null };

/** The newest audit entry per report: who last changed its title or status (the row keeps no "updated by"). */
async function lastAuditEdits(reportIds: string[]): Promise<Map<string, Edit>> {
  if (!reportIds.length) return new Map();
  const rows = await db.$queryRaw<{ targetId: string; at: Date; actorLabel: string }[]>`
    SELECT DISTINCT ON ("targetId") "targetId", at, "actorLabel" FROM "AuditEntry"
    WHERE "targetType" = 'report' AND "targetId" = ANY(${reportIds}) ORDER BY "targetId", seq DESC`;
  return new Map(rows.map((r) => [r.targetId, { at: r.at, by: r.actorLabel }]));
}

/** Last edited: the later of the report's and its sections' updatedAt; by whoever did the newest thing we know of. */
function lastEdit(r: ReportListRow, audit: Edit | undefined): Edit {
  const section = r.sections[0];
  const at = section && section.updatedAt > r.updatedAt ? section.updatedAt : r.updatedAt;
  const known: Edit[] = [
    { at: r.createdAt, by: r.createdByLabel },
    ...(r.publishedAt ? [{ at: r.publishedAt, by: r.publishedByLabel }] : []),
    ...(section?.updatedByLabel ? [{ at: section.updatedAt, by: section.updatedByLabel }] : []),
    ...(audit ? [audit] : []),
  ];
  const newest = known.reduce((a, b) => (b.at >= a.at ? b : a));
  return { at, by: newest.by };
}

export const listReports = cache(async (f: ReportFilter) => {
  const where = reportWhere(f);
  const [rows, total] = await Promise.all([
    db.report.findMany({
      where, skip: (f.page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: reportListSelect,
      orderBy: [{ incident: { startedAt: "desc" } }, { id: "asc" }],
    }),
    db.report.count({ where }),
  ]);
  const audit = await lastAuditEdits(rows.map((r) => r.id));
  const items = rows.map((r) => ({
    id: r.id, title: r.title, status: r.status, revision: r.revision, template: r.template, incident: r.incident,
    publishedAt: r.publishedAt, publishedByLabel: r.publishedByLabel, createdByLabel: r.createdByLabel,
    lastEdited: lastEdit(r, audit.get(r.id)),
  }));
  return { items, total, page: f.page, pageSize: PAGE_SIZE };
});
export type ReportListItem = Awaited<ReturnType<typeof listReports>>["items"][number];

export const MISSING_LIMIT = 10;

/** Resolved or closed incidents with no report yet (the incident side of the filters applies), latest resolved first. */
export const listMissingReports = cache(async (f: ReportFilter) => {
  const and = incidentWhere(f);
  if (f.q) {
    const n = parseIncidentRef(f.q);
    and.push({ OR: [...(n ? [{ number: n }] : []), { title: { contains: f.q, mode: "insensitive" } }] });
  }
  const where: Prisma.IncidentWhereInput = { AND: [{ status: { in: ["resolved", "closed"] } }, { report: { is: null } }, { mergedIntoId: null }, ...and] };
  const [items, total] = await Promise.all([
    db.incident.findMany({
      where, take: MISSING_LIMIT, orderBy: [{ resolvedAt: { sort: "desc", nulls: "last" } }, { number: "desc" }],
      select: { id: true, number: true, title: true, severity: true, status: true, resolvedAt: true, closedAt: true },
    }),
    db.incident.count({ where }),
  ]);
  return { items, total };
});
export type MissingReport = Awaited<ReturnType<typeof listMissingReports>>["items"][number];

/** MTTx milestones of the reported incidents that match `f` and started in [from, to]: the trend's input. */
export async function listReportedIncidentTimes(f: ReportFilter, from: Date, to: Date): Promise<IncidentTimes[]> {
  const rows = await db.report.findMany({
    where: { AND: [reportWhere(f), { incident: { startedAt: { gte: from, lte: to }, mergedIntoId: null } }] },
    select: { incident: { select: { severity: true, services: true, startedAt: true, acknowledgedAt: true, mitigatedAt: true, resolvedAt: true } } },
  });
  return rows.map((r) => r.incident);
}
