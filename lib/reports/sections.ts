// What a report template is made of: sections, each with guidance for the writer and a type that
// says how a new report prefills it. Shared by the server and the template editor (no server-only).
import { z } from "zod";

export const SECTION_TYPES = {
  markdown: { label: "Free text", description: "Markdown the team writes; starts from the guidance's prompts." },
  summary: { label: "Summary facts", description: "Duration, impact, severity, services and roles, prefilled from the incident." },
  timeline: { label: "Key timeline", description: "Detected, acknowledged, root cause identified, fix applied, service restored, plus pinned events." },
  recovery: { label: "Recovery actions", description: "The audited recovery actions run during the incident, with their outcomes." },
  mttx: { label: "MTTA / MTTR", description: "Time to acknowledge and to resolve, against their targets." },
  "action-items": { label: "Action items", description: "The incident's action items, listed live from the Follow-ups tracker." },
} as const;
export type SectionType = keyof typeof SECTION_TYPES;
export const SECTION_TYPE_NAMES = Object.keys(SECTION_TYPES) as [SectionType, ...SectionType[]];

export const MAX_SECTIONS = 30;
export const MAX_SECTION_CHARS = 50_000;

export const templateSectionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, "A section key is lower-case letters, digits and dashes, starting with a letter (e.g. root-cause)."),
  title: z.string().trim().min(1, "Give the section a title.").max(120, "Keep the title under 120 characters."),
  guidance: z.string().trim().max(2_000, "Keep the guidance under 2,000 characters.").default(""),
  type: z.enum(SECTION_TYPE_NAMES, { message: "Pick one of the section types." }),
});
export type TemplateSection = z.infer<typeof templateSectionSchema>;

export const templateSectionsSchema = z
  .array(templateSectionSchema)
  .min(1, "A template needs at least one section.")
  .max(MAX_SECTIONS, `A template has at most ${MAX_SECTIONS} sections.`)
  .superRefine((sections, ctx) => {
    const seen = new Set<string>();
    sections.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Two sections use the key "${s.key}": keys must be unique.` });
      seen.add(s.key);
    });
    if (sections.filter((s) => s.type === "action-items").length > 1) ctx.addIssue({ code: "custom", message: "A template has at most one Action items section." });
  });
