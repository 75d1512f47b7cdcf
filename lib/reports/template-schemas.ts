// Input of the template admin's actions. Field errors are keyed by path, so a bad section reads
// `sections.2.key` and a bad item `items.5.text`: the editors show each one beside its field.
import { z } from "zod";
import { SEVERITIES } from "@/lib/incidents/rules";
import { checklistItemsSchema } from "@/lib/reports/template-queries";
import { templateSectionsSchema } from "@/lib/reports/sections";

const slug = z.string().trim().min(1, "Missing template.").max(80);
const name = z.string().trim().min(1, "Give the template a name.").max(120, "Keep the name under 120 characters.");
const description = z.string().trim().max(500, "Keep the description under 500 characters.").default("");
const fromVersion = z.coerce.number({ message: "Missing version: reload the page." }).int().min(1);
const flag = (fallback: boolean) => z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(fallback);

/** P1–P4, from a list or "P1, P2"; each once, in severity order. */
export const severityListSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z
    .array(z.enum(SEVERITIES, { message: "Severities are P1, P2, P3 and P4." }))
    .transform((list) => SEVERITIES.filter((s) => list.includes(s))),
);

export const createReportTemplateSchema = z.object({
  name,
  description,
  defaultFor: severityListSchema.default([]),
  sections: templateSectionsSchema,
});
export type CreateReportTemplateInput = z.infer<typeof createReportTemplateSchema>;

export const updateReportTemplateSchema = createReportTemplateSchema.extend({
  slug,
  /** the version the editor started from: another save since then is a conflict */
  fromVersion,
  note: z.string().trim().max(300, "Keep the note under 300 characters.").default(""),
});
export type UpdateReportTemplateInput = z.infer<typeof updateReportTemplateSchema>;

export const createChecklistTemplateSchema = z.object({
  name,
  description,
  isDefault: flag(false),
  items: checklistItemsSchema,
});
export type CreateChecklistTemplateInput = z.infer<typeof createChecklistTemplateSchema>;

export const updateChecklistTemplateSchema = createChecklistTemplateSchema.extend({ slug, fromVersion });
export type UpdateChecklistTemplateInput = z.infer<typeof updateChecklistTemplateSchema>;

export const archiveTemplateSchema = z.object({ slug, archived: flag(true) });
