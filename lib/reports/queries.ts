import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { ReportStatus } from "@/lib/reports/schemas";
import type { SectionType } from "@/lib/reports/sections";
import { buildReportDoc } from "@/lib/reports/doc";
import { parseReportMarkdown, type ReportDoc } from "@/lib/reports/markdown";

export type ReportSectionView = {
  key: string; title: string; type: SectionType; guidance: string; content: string; version: number;
  updatedByLabel: string | null; updatedAt: string;
};
export type ReportView = {
  id: string; incidentId: string; number: number; title: string; status: ReportStatus; revision: number; version: number;
  template: { id: string; name: string; version: number }; createdByLabel: string; createdAt: string;
  publishedAt: string | null; publishedByLabel: string | null; sections: ReportSectionView[];
  revisions: { revision: number; publishedAt: string; publishedByLabel: string }[];
  /** the document as exported: what the read-only view renders */
  doc: ReportDoc;
  /** the published revision's stored Markdown, byte for byte, while the report is published */
  publishedMarkdown: string | null;
};

const reportSelect = {
  id: true, incidentId: true, title: true, status: true, revision: true, version: true, templateVersion: true, createdByLabel: true, createdAt: true,
  publishedAt: true, publishedByLabel: true, incident: { select: { number: true } }, template: { select: { id: true, name: true } },
  sections: { orderBy: { position: "asc" as const }, select: { key: true, title: true, type: true, guidance: true, content: true, version: true, updatedByLabel: true, updatedAt: true } },
  revisions: { orderBy: { revision: "desc" as const }, select: { revision: true, publishedAt: true, publishedByLabel: true } },
} as const;

/** The incident's report, ready for the page (dates as ISO strings for client components). */
export const getReportForIncident = cache(async (incidentId: string): Promise<ReportView | null> => {
  const r = await db.report.findUnique({ where: { incidentId }, select: reportSelect });
  if (!r) return null;
  // Published means frozen: the stored document, not one rebuilt from action items that moved on.
  const publishedMarkdown = r.status === "published" ? ((await getPublishedRevision(incidentId, r.revision))?.markdown ?? null) : null;
  const frozen = publishedMarkdown ? parseReportMarkdown(publishedMarkdown) : null;
  return {
    id: r.id, incidentId: r.incidentId, number: r.incident.number, title: r.title, status: r.status, revision: r.revision, version: r.version,
    template: { id: r.template.id, name: r.template.name, version: r.templateVersion }, createdByLabel: r.createdByLabel, createdAt: r.createdAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null, publishedByLabel: r.publishedByLabel,
    sections: r.sections.map((s) => ({ ...s, type: s.type as SectionType, updatedAt: s.updatedAt.toISOString() })),
    revisions: r.revisions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
    doc: frozen ?? (await buildReportDoc(db, r)),
    publishedMarkdown,
  };
});

/** What the incident page shows about its report: whether there is one, and where it stands. */
export const getReportSummary = cache((incidentId: string) =>
  db.report.findUnique({ where: { incidentId }, select: { id: true, title: true, status: true, revision: true, updatedAt: true, template: { select: { name: true } } } }),
);

/** One published revision's stored Markdown, exactly as it was published. */
export async function getPublishedRevision(incidentId: string, revision: number) {
  return db.reportRevision.findFirst({ where: { revision, report: { incidentId } }, select: { markdown: true, revision: true, publishedAt: true } });
}
