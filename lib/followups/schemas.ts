import { z } from "zod";
import { ACTION_STATUSES, parseDueAt } from "@/lib/followups/rules";
import { parseIncidentRef } from "@/lib/incidents/rules";

const id = (what: string) => z.string().trim().min(1, `Missing ${what}.`).max(64);
const bool = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const addChecklistSchema = z.object({ incidentId: id("incident"), templateId: id("checklist template") });
export const checkItemSchema = z.object({ itemId: id("checklist item"), checked: bool });

const status = z.enum(ACTION_STATUSES, { error: "Choose open, in progress, done or won't do." });
const dueAt = z.preprocess(
  blankToNull,
  z.union([z.date(), z.string()]).nullable().transform((v, ctx) => {
    if (v === null) return null;
    const d = v instanceof Date ? v : parseDueAt(v);
    if (!d || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a due date, or leave it empty." });
      return z.NEVER;
    }
    return d;
  }),
);
const trackerUrl = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(2000, "Keep the link under 2,000 characters.")
    // The URL parser silently drops line breaks and tabs: refuse them, or a link could carry text
    // into the report's Markdown.
    .refine((v) => !/[\s\u0000-\u001f\u007f]/.test(v), "A link has no spaces or line breaks: paste just the address.")
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname);
      } catch {
        return false;
      }
    }, "The tracker link must be a full http:// or https:// address.")
    .nullable(),
);

const fields = {
  title: z.string().trim().min(3, "Give the action item a title (at least 3 characters).").max(300, "Keep the title under 300 characters."),
  ownerId: z.preprocess(blankToNull, z.string().trim().max(64).nullable()),
  dueAt,
  status,
  trackerUrl,
};

export const createActionItemSchema = z.object({ incidentId: id("incident"), ...fields, status: status.default("open") });
export const updateActionItemSchema = z.object({ id: id("action item"), version: z.coerce.number().int().min(0), ...fields });
export const setActionStatusSchema = z.object({ id: id("action item"), version: z.coerce.number().int().min(0), status });

export type CreateActionItemInput = Omit<z.infer<typeof createActionItemSchema>, "incidentId">;
export type ActionItemFields = Omit<z.infer<typeof updateActionItemSchema>, "id" | "version">;

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional()).catch(undefined);

/** The Follow-ups page's filters, from its URL. Bad values are dropped, not fatal. */
export const followupFilterSchema = z.object({
  /** a user id, or "mine" */
  owner: optional(z.string().trim().max(64)),
  overdue: z.preprocess((v) => v === "1" || v === "true" || v === "on", z.boolean()).catch(false),
  kind: optional(z.enum(["checklist", "action"])),
  status: optional(status),
  /** "42", "INC-42" or "#42" */
  incident: z.preprocess((v) => (typeof v === "string" && v.trim() ? (parseIncidentRef(v) ?? undefined) : undefined), z.number().int().positive().optional()).catch(undefined),
});
export type FollowupFilter = z.infer<typeof followupFilterSchema>;
