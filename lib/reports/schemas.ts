import { z } from "zod";
import { MAX_SECTION_CHARS } from "@/lib/reports/sections";
import { RESERVED_LINE } from "@/lib/reports/markdown";

const id = (what: string) => z.string().trim().min(1, `Missing ${what}.`).max(64);
const version = z.coerce.number({ error: "Missing version." }).int().min(0);

export const REPORT_STATUSES = ["draft", "in_review", "published"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const createReportSchema = z.object({
  incidentId: id("incident"),
  templateId: id("template"),
});

export const saveSectionSchema = z.object({
  reportId: id("report"),
  key: z.string().trim().min(1).max(40),
  content: z
    .string()
    .max(MAX_SECTION_CHARS, `A section holds at most ${MAX_SECTION_CHARS.toLocaleString("en")} characters: split it, or link to a longer document.`)
    .refine((s) => !RESERVED_LINE.test(s), "A line may not start with “<!-- sitrep:”: Sitrep uses those to mark sections in the exported Markdown."),
  /** the section version the editor started from: a newer one on the server is a conflict */
  baseVersion: version,
});

export const changeReportStatusSchema = z.object({
  reportId: id("report"),
  from: z.enum(REPORT_STATUSES),
  to: z.enum(REPORT_STATUSES, { error: "Choose draft, in review or published." }),
});

export const newRevisionSchema = z.object({ reportId: id("report"), revision: z.coerce.number().int().min(1) });

export const renameReportSchema = z.object({
  reportId: id("report"),
  title: z.string().trim().min(3, "Give the report a title (at least 3 characters).").max(200, "Keep the title under 200 characters."),
  version,
});

/** Which moves the report's review flow allows. Publishing needs a review first. */
export const STATUS_MOVES: Record<ReportStatus, readonly ReportStatus[]> = {
  draft: ["in_review"],
  in_review: ["draft", "published"],
  published: [],
};
export const STATUS_LABEL: Record<ReportStatus, string> = { draft: "Draft", in_review: "In review", published: "Published" };
