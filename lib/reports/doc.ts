import "server-only";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { incidentRef } from "@/lib/incidents/rules";
import { actionItemsBody, reportToMarkdown, type DocActionItem, type ReportDoc } from "@/lib/reports/markdown";

/** The incident's action items as the report lists them (oldest first). */
export async function listDocActionItems(tx: Tx | typeof db, incidentId: string): Promise<DocActionItem[]> {
  const rows = await tx.actionItem.findMany({
    where: { incidentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { title: true, dueAt: true, status: true, trackerUrl: true, owner: { select: { name: true } } },
  });
  return rows.map((r) => ({ title: r.title, dueAt: r.dueAt, status: r.status, trackerUrl: r.trackerUrl, owner: r.owner?.name ?? null }));
}

type ReportForDoc = {
  title: string; revision: number; status: string; incidentId: string; incident: { number: number };
  sections: { key: string; title: string; type: string; content: string }[];
};

/** The report as one document, action items included as they stand now. */
export async function buildReportDoc(tx: Tx | typeof db, report: ReportForDoc): Promise<ReportDoc> {
  const needsItems = report.sections.some((s) => s.type === "action-items");
  const items = needsItems ? await listDocActionItems(tx, report.incidentId) : [];
  return {
    title: report.title,
    incidentRef: incidentRef(report.incident.number),
    revision: report.revision,
    status: report.status,
    sections: report.sections.map((s) => ({ key: s.key, title: s.title, body: s.type === "action-items" ? actionItemsBody(items, s.content) : s.content })),
  };
}

export async function buildReportMarkdown(tx: Tx | typeof db, report: ReportForDoc): Promise<string> {
  return reportToMarkdown(await buildReportDoc(tx, report));
}
