import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { addTimelineEvent } from "@/lib/timeline/mutations";
import { lockIncidentRow } from "@/lib/incidents/lock";
import { ConflictError, NotFoundError, ReadOnlyError, ValidationError } from "@/lib/errors";
import { incidentRef } from "@/lib/incidents/rules";
import { getReportTemplateVersion } from "@/lib/reports/template-queries";
import { loadPrefillData } from "@/lib/reports/prefill-data";
import { prefillSection, utcTime } from "@/lib/reports/prefill";
import { buildReportMarkdown } from "@/lib/reports/doc";
import { STATUS_LABEL, STATUS_MOVES, type ReportStatus } from "@/lib/reports/schemas";

/** Creates the incident's report from a template, every section prefilled from the incident. */
export async function createReport(actor: Actor, incidentId: string, templateId: string) {
  const template = await getReportTemplateVersion(templateId);
  if (!template || template.archived) throw new NotFoundError("That template no longer exists (or was archived): pick another.");
  return db.$transaction(async (tx) => {
    await lockIncidentRow(tx, incidentId);
    const existing = await tx.report.findUnique({ where: { incidentId }, select: { id: true, createdByLabel: true, createdAt: true } });
    if (existing) throw new ConflictError(`This incident already has a report (${existing.createdByLabel} created it at ${utcTime(existing.createdAt)} UTC): open it instead.`);
    const data = await loadPrefillData(tx, incidentId);
    const ref = incidentRef(data.incident.number);
    const report = await tx.report.create({
      data: {
        incidentId, templateId: template.id, templateVersion: template.version, title: `${ref} ${data.incident.title}`, createdById: actor.id, createdByLabel: actor.label,
        sections: {
          create: template.sections.map((s, position) => ({
            key: s.key, title: s.title, type: s.type, guidance: s.guidance, position, content: prefillSection(s, data), updatedByLabel: "prefilled",
          })),
        },
      },
      select: { id: true },
    });
    await addTimelineEvent(tx, { incidentId, kind: "report", actor, data: { event: "report.create", template: template.name } });
    await appendAudit(tx, { actor, verb: "report.create", target: { type: "incident", id: incidentId }, after: { ref, reportId: report.id, template: template.slug, templateVersion: template.version } });
    return { id: report.id, number: data.incident.number };
  });
}

async function lockReport(tx: Tx, reportId: string) {
  await tx.$queryRaw`SELECT id FROM "Report" WHERE id = ${reportId} FOR NO KEY UPDATE`;
  const report = await tx.report.findUnique({ where: { id: reportId }, select: { id: true, incidentId: true, status: true, revision: true, version: true, title: true, incident: { select: { number: true } } } });
  if (!report) throw new NotFoundError("That report no longer exists.");
  return report;
}

const PUBLISHED = "This report is published and read-only. Start a new revision to edit it.";

/**
 * Saves one section's Markdown if nobody saved it since `baseVersion`; a newer save is a
 * conflict naming who and when, and the caller keeps the text in the editor.
 */
export async function saveReportSection(actor: Actor, input: { reportId: string; key: string; content: string; baseVersion: number }) {
  return db.$transaction(async (tx) => {
    // FOR SHARE: saves do not wait on each other, but a publish (FOR NO KEY UPDATE) waits for
    // them and they wait for it, so nothing lands in a report after its snapshot.
    const [report] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Report" WHERE id = ${input.reportId} FOR SHARE`;
    if (!report) throw new NotFoundError("That report no longer exists.");
    if (report.status === "published") throw new ReadOnlyError(PUBLISHED);
    const now = new Date();
    const { count } = await tx.reportSection.updateMany({
      where: { reportId: input.reportId, key: input.key, version: input.baseVersion },
      data: { content: input.content, version: { increment: 1 }, updatedById: actor.id, updatedByLabel: actor.label, updatedAt: now },
    });
    const section = await tx.reportSection.findUnique({ where: { reportId_key: { reportId: input.reportId, key: input.key } }, select: { title: true, version: true, updatedByLabel: true, updatedAt: true } });
    if (!section) throw new NotFoundError("That section is not part of this report.");
    if (!count) {
      throw new ConflictError(
        `${section.updatedByLabel ?? "Someone"} saved “${section.title}” at ${utcTime(section.updatedAt)} UTC while you were editing. Your text is still in the editor: copy it, load their version, and merge.`,
      );
    }
    await appendAudit(tx, { actor, verb: "report.section_save", target: { type: "report", id: input.reportId }, after: { section: input.key, version: section.version, chars: input.content.length } });
    return { version: section.version, updatedAt: section.updatedAt.toISOString(), updatedByLabel: section.updatedByLabel };
  });
}

/** Draft → in review → published (or back to draft). Publishing stores the document as revision N. */
export async function changeReportStatus(actor: Actor, input: { reportId: string; from: ReportStatus; to: ReportStatus }) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, input.reportId);
    if (report.status !== input.from) throw new ConflictError(`Someone moved this report to “${STATUS_LABEL[report.status]}” while you were looking. Check it and try again if needed.`);
    if (!STATUS_MOVES[input.from].includes(input.to)) {
      throw new ValidationError(input.to === "published" ? "Send the report for review before publishing it." : `A ${STATUS_LABEL[input.from].toLowerCase()} report cannot move to “${STATUS_LABEL[input.to]}”.`);
    }
    const publishing = input.to === "published";
    const at = new Date();
    const updated = await tx.report.update({
      where: { id: report.id },
      data: { status: input.to, version: { increment: 1 }, ...(publishing ? { publishedAt: at, publishedById: actor.id, publishedByLabel: actor.label } : {}) },
      select: { title: true, revision: true, status: true, incidentId: true, incident: { select: { number: true } }, sections: { orderBy: { position: "asc" }, select: { key: true, title: true, type: true, content: true } } },
    });
    if (publishing) {
      const markdown = await buildReportMarkdown(tx, updated);
      await tx.reportRevision.create({ data: { reportId: report.id, revision: report.revision, markdown, publishedById: actor.id, publishedByLabel: actor.label, publishedAt: at } });
    }
    await addTimelineEvent(tx, { incidentId: report.incidentId, kind: "report", actor, data: { event: "report.status", from: input.from, to: input.to, revision: report.revision } });
    await appendAudit(tx, { actor, verb: publishing ? "report.publish" : "report.status", target: { type: "incident", id: report.incidentId }, before: { status: input.from }, after: { ref: incidentRef(report.incident.number), reportId: report.id, status: input.to, revision: report.revision } });
    return { number: report.incident.number, status: input.to };
  });
}

/** Reopens a published report as a draft of the next revision; the published one stays on record. */
export async function startReportRevision(actor: Actor, input: { reportId: string; revision: number }) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, input.reportId);
    if (report.status !== "published" || report.revision !== input.revision) {
      throw new ConflictError(report.revision > input.revision ? `Someone already started revision ${report.revision}.` : "Only a published report starts a new revision.");
    }
    const revision = report.revision + 1;
    await tx.report.update({ where: { id: report.id }, data: { status: "draft", revision, version: { increment: 1 } } });
    await addTimelineEvent(tx, { incidentId: report.incidentId, kind: "report", actor, data: { event: "report.revision", revision } });
    await appendAudit(tx, { actor, verb: "report.revision", target: { type: "incident", id: report.incidentId }, after: { ref: incidentRef(report.incident.number), reportId: report.id, revision } });
    return { number: report.incident.number, revision };
  });
}

export async function renameReport(actor: Actor, input: { reportId: string; title: string; version: number }) {
  return db.$transaction(async (tx) => {
    const report = await lockReport(tx, input.reportId);
    if (report.status === "published") throw new ReadOnlyError(PUBLISHED);
    if (report.version !== input.version) throw new ConflictError(`Someone changed this report while you were looking: its title is now “${report.title}”. Check it and try again if needed.`);
    await tx.report.update({ where: { id: report.id }, data: { title: input.title, version: { increment: 1 } } });
    await appendAudit(tx, { actor, verb: "report.rename", target: { type: "report", id: report.id }, before: { title: report.title }, after: { title: input.title } });
    return { number: report.incident.number };
  });
}
