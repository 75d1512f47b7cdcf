import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { SEVERITIES, type Severity } from "@/lib/incidents/rules";
import { templateSectionsSchema, type TemplateSection } from "@/lib/reports/sections";
import { getChecklistTemplate, listChecklistTemplates, type ChecklistTemplateView } from "@/lib/reports/template-queries";

// Reads for the templates' admin pages (the list and the editors); the reads every other feature
// shares are in template-queries.ts.

export type ReportTemplateRow = {
  id: string; slug: string; name: string; description: string; defaultFor: Severity[]; version: number; archived: boolean;
  sectionCount: number; lastEditedAt: Date; lastEditedBy: string;
};
export type TemplateVersionEntry = { version: number; note: string; authorLabel: string; createdAt: Date };
export type ReportTemplateDetail = Omit<ReportTemplateRow, "sectionCount"> & { sections: TemplateSection[]; versions: TemplateVersionEntry[] };
/** Which template each severity's new reports start from now. */
export type DefaultHolders = Partial<Record<Severity, { slug: string; name: string }>>;

const SELECT = { id: true, slug: true, name: true, description: true, defaultFor: true, version: true, archived: true } as const;

/** Every report template, archived ones too, with its current version's section count and author. */
export const listReportTemplateRows = cache(async (): Promise<ReportTemplateRow[]> => {
  const templates = await db.reportTemplate.findMany({ select: SELECT, orderBy: [{ archived: "asc" }, { name: "asc" }] });
  if (!templates.length) return [];
  const current = await db.reportTemplateVersion.findMany({
    where: { OR: templates.map((t) => ({ templateId: t.id, version: t.version })) },
    select: { templateId: true, sections: true, authorLabel: true, createdAt: true },
  });
  const byId = new Map(current.map((v) => [v.templateId, v]));
  return templates.flatMap((t) => {
    const v = byId.get(t.id);
    if (!v) return [];
    const sectionCount = Array.isArray(v.sections) ? v.sections.length : 0;
    return [{ ...t, sectionCount, lastEditedAt: v.createdAt, lastEditedBy: v.authorLabel }];
  });
});

/** Every checklist template, archived ones last. */
export const listChecklistTemplateRows = cache(async (): Promise<ChecklistTemplateView[]> => {
  const rows = await listChecklistTemplates(true);
  return [...rows.filter((r) => !r.archived), ...rows.filter((r) => r.archived)];
});

export const getDefaultHolders = cache(async (): Promise<DefaultHolders> => {
  const rows = await db.reportTemplate.findMany({ where: { defaultFor: { isEmpty: false } }, select: { slug: true, name: true, defaultFor: true } });
  return Object.fromEntries(SEVERITIES.flatMap((s) => {
    const holder = rows.find((r) => r.defaultFor.includes(s));
    return holder ? [[s, { slug: holder.slug, name: holder.name }]] : [];
  }));
});

/** A template with its current sections and its whole history, newest first (older sections: getReportTemplateVersion). */
export const getReportTemplateDetail = cache(async (slug: string): Promise<ReportTemplateDetail | null> => {
  const t = await db.reportTemplate.findUnique({
    where: { slug },
    select: { ...SELECT, versions: { orderBy: { version: "desc" }, select: { version: true, note: true, authorLabel: true, createdAt: true } } },
  });
  const current = t?.versions.find((v) => v.version === t.version);
  if (!t || !current) return null;
  const row = await db.reportTemplateVersion.findUnique({ where: { templateId_version: { templateId: t.id, version: t.version } }, select: { sections: true } });
  if (!row) return null;
  return { ...t, sections: templateSectionsSchema.parse(row.sections), lastEditedAt: current.createdAt, lastEditedBy: current.authorLabel };
});

export const getChecklistTemplateBySlug = cache(async (slug: string): Promise<ChecklistTemplateView | null> => {
  const row = await db.checklistTemplate.findUnique({ where: { slug }, select: { id: true } });
  return row ? getChecklistTemplate(row.id) : null;
});
