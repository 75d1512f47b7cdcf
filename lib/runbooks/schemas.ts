import { z } from "zod";
import { serviceSlug } from "@/lib/incidents/schemas";

export const MAX_DOCUMENT_BYTES = 1_000_000;
const id = z.string().trim().min(1, "Missing id.").max(64);
const runbookSlug = z.string().trim().min(1, "Missing runbook.").max(200);

const servicesList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(serviceSlug).max(50, "At most 50 services.").transform((l) => [...new Set(l)]),
);
const wordList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(z.string().trim().min(1).max(100)).max(50).transform((l) => [...new Set(l)]),
);

export const importRunbooksSchema = z.object({
  name: z
    .string().trim().min(1, "Name the document (a file name like beacon-runner.md).").max(200, "Keep the name under 200 characters.")
    .regex(/^[\w .\-/()]+$/, "Use letters, digits, spaces, dots, dashes, slashes and brackets in the name."),
  text: z
    .string()
    .refine((t) => t.trim().length > 0, "Paste or upload a Markdown runbook first.")
    .refine((t) => Buffer.byteLength(t, "utf8") <= MAX_DOCUMENT_BYTES, "That document is over 1 MB; split it into several files.")
    .refine((t) => !t.includes("\u0000"), "That file is not text (it contains NUL bytes). Upload a Markdown file."),
  services: servicesList.default([]),
});
export type ImportRunbooksInput = z.infer<typeof importRunbooksSchema>;

export const editRunbookSchema = z.object({
  slug: runbookSlug,
  /** the version the editor started from: a newer one saved meanwhile is a conflict */
  fromVersion: z.coerce.number().int().min(1),
  markdown: z
    .string()
    .refine((t) => t.trim().length > 0, "A runbook cannot be empty. Archive it instead.")
    .refine((t) => Buffer.byteLength(t, "utf8") <= MAX_DOCUMENT_BYTES, "Keep a runbook under 1 MB."),
  note: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
});

export const linkRunbookSchema = z.object({
  slug: runbookSlug,
  services: servicesList,
  alerts: wordList,
  tags: wordList,
});

export const runbookFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  service: serviceSlug.optional().catch(undefined),
  alert: z.string().trim().max(100).optional().catch(undefined),
  tag: z.string().trim().max(100).optional().catch(undefined),
  archived: z.enum(["0", "1"]).optional().catch(undefined),
});
export type RunbookFilter = z.infer<typeof runbookFilterSchema>;

export const startRunSchema = z.object({
  incidentId: id,
  slug: runbookSlug,
  drill: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
});

export const STEP_STATUSES = ["done", "skipped", "failed"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const markStepSchema = z.object({
  runId: id,
  step: z.string().regex(/^\d{1,4}\.\d{1,4}$/, "Unknown step."),
  /** what the person saw: "" for not yet marked */
  from: z.enum(["", ...STEP_STATUSES]).default(""),
  status: z.enum(["", ...STEP_STATUSES], { error: "Mark the step done, skipped or failed." }),
  note: z.string().trim().max(2000, "Keep the note under 2,000 characters.").default(""),
});

export const setRunVarsSchema = z.object({
  runId: id,
  vars: z.record(
    z.string().max(100),
    z.string().max(500, "Keep each value under 500 characters.").refine((v) => !/[\r\n]/.test(v), "A value is one line."),
  ),
});

export const finishRunSchema = z.object({ runId: id, status: z.enum(["completed", "abandoned"]) });

export const bindStepSchema = z.object({
  slug: runbookSlug,
  fromVersion: z.coerce.number().int().min(1),
  step: z.string().regex(/^\d{1,4}\.\d{1,4}$/, "Unknown step."),
  /** "service/action" as the catalog names it */
  target: z.string().regex(/^[a-z0-9][a-z0-9-_.]*\/[a-z0-9][a-z0-9-]*$/, "Choose an action from the catalog."),
});
