import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Severity } from "@/lib/incidents/rules";
import { BUCKET_NAMES, type Bucket } from "@/lib/reports/buckets";
import { templateSectionsSchema, type TemplateSection } from "@/lib/reports/sections";
import { z } from "zod";

// Reads of report and checklist templates, shared by the report editor, the checklists and
// the templates' admin pages. JSON columns are parsed here, once, into typed values.

export type ReportTemplateSummary = { id: string; slug: string; name: string; description: string; defaultFor: Severity[]; version: number; archived: boolean };
export type ReportTemplateVersionView = ReportTemplateSummary & { sections: TemplateSection[] };

const templateSelect = { id: true, slug: true, name: true, description: true, defaultFor: true, version: true, archived: true } as const;

export const checklistItemsSchema = z
  .array(z.object({ bucket: z.enum(BUCKET_NAMES, { message: "Pick a bucket: immediate, short-term or long-term." }), text: z.string().trim().min(1, "An item needs its text.").max(300, "Keep an item under 300 characters.") }))
  .min(1, "A checklist needs at least one item.")
  .max(100, "A checklist has at most 100 items.");
export type ChecklistTemplateItem = { bucket: Bucket; text: string };
export type ChecklistTemplateView = { id: string; slug: string; name: string; description: string; isDefault: boolean; archived: boolean; version: number; items: ChecklistTemplateItem[]; updatedAt: Date; updatedByLabel: string };

/** Report templates, the not archived ones unless asked, by name. */
export const listReportTemplates = cache(async (includeArchived = false): Promise<ReportTemplateSummary[]> =>
  db.reportTemplate.findMany({ where: includeArchived ? {} : { archived: false }, select: templateSelect, orderBy: { name: "asc" } }),
);

/** One version of a template (the current one unless `version` is given), sections parsed. */
export async function getReportTemplateVersion(templateId: string, version?: number): Promise<ReportTemplateVersionView | null> {
  const t = await db.reportTemplate.findUnique({ where: { id: templateId }, select: templateSelect });
  if (!t) return null;
  const v = await db.reportTemplateVersion.findUnique({ where: { templateId_version: { templateId, version: version ?? t.version } }, select: { sections: true } });
  return v ? { ...t, sections: templateSectionsSchema.parse(v.sections) } : null;
}

/** The template a new report of this severity starts from: the severity's default, else the first by name. */
export async function defaultReportTemplateFor(severity: Severity): Promise<ReportTemplateSummary | null> {
  const all = await listReportTemplates();
  return all.find((t) => t.defaultFor.includes(severity)) ?? all[0] ?? null;
}

function checklistView(row: { id: string; slug: string; name: string; description: string; isDefault: boolean; archived: boolean; version: number; items: unknown; updatedAt: Date; updatedByLabel: string }): ChecklistTemplateView {
  return { ...row, items: checklistItemsSchema.parse(row.items) };
}
const checklistSelect = { id: true, slug: true, name: true, description: true, isDefault: true, archived: true, version: true, items: true, updatedAt: true, updatedByLabel: true } as const;

/** Checklist templates, defaults first, then by name. */
export const listChecklistTemplates = cache(async (includeArchived = false): Promise<ChecklistTemplateView[]> => {
  const rows = await db.checklistTemplate.findMany({ where: includeArchived ? {} : { archived: false }, select: checklistSelect, orderBy: [{ isDefault: "desc" }, { name: "asc" }] });
  return rows.map(checklistView);
});

export async function getChecklistTemplate(id: string): Promise<ChecklistTemplateView | null> {
  const row = await db.checklistTemplate.findUnique({ where: { id }, select: checklistSelect });
  return row ? checklistView(row) : null;
}
