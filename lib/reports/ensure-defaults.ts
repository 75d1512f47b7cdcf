import "server-only";
import { db } from "@/lib/db";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/mutations";
import { DEFAULT_CHECKLIST_TEMPLATES, DEFAULT_REPORT_TEMPLATES } from "@/lib/reports/defaults";

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

/**
 * Adds the default report and checklist templates that are missing (by slug). Never touches one
 * that exists, even archived or edited: an admin's changes stand. Safe with several instances
 * starting at once (a lost race is a unique violation, and the other instance wrote it).
 */
export async function ensureDefaultTemplates(): Promise<{ created: string[] }> {
  const created: string[] = [];
  const [reports, checklists] = await Promise.all([
    db.reportTemplate.findMany({ select: { slug: true } }),
    db.checklistTemplate.findMany({ select: { slug: true } }),
  ]);
  const haveReports = new Set(reports.map((r) => r.slug));
  const haveChecklists = new Set(checklists.map((c) => c.slug));
  // A severity keeps the default an admin gave it: a default template arriving later does not take it.
  const taken = new Set((await db.reportTemplate.findMany({ select: { defaultFor: true } })).flatMap((t) => t.defaultFor));

  for (const t of DEFAULT_REPORT_TEMPLATES.filter((t) => !haveReports.has(t.slug))) {
    try {
      await db.$transaction(async (tx) => {
        const defaultFor = t.defaultFor.filter((s) => !taken.has(s));
        const row = await tx.reportTemplate.create({ data: { slug: t.slug, name: t.name, description: t.description, defaultFor } });
        await tx.reportTemplateVersion.create({ data: { templateId: row.id, version: 1, sections: t.sections, note: "Default template", authorLabel: SYSTEM_ACTOR.label } });
        await appendAudit(tx, { actor: SYSTEM_ACTOR, verb: "report_template.create", target: { type: "report_template", id: row.id }, after: { slug: t.slug, name: t.name, defaultFor, sections: t.sections.map((s) => s.key) } });
      });
      created.push(`report:${t.slug}`);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  for (const t of DEFAULT_CHECKLIST_TEMPLATES.filter((t) => !haveChecklists.has(t.slug))) {
    try {
      await db.$transaction(async (tx) => {
        const row = await tx.checklistTemplate.create({ data: { slug: t.slug, name: t.name, description: t.description, isDefault: t.isDefault, items: t.items } });
        await appendAudit(tx, { actor: SYSTEM_ACTOR, verb: "checklist_template.create", target: { type: "checklist_template", id: row.id }, after: { slug: t.slug, name: t.name, items: t.items.length } });
      });
      created.push(`checklist:${t.slug}`);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return { created };
}
