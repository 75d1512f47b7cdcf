import { z } from "zod";
import { cursorSchema, TIMELINE_VIEWS } from "@/lib/timeline/wire";

/**
 * GET /api/incidents/<n>/timeline: one page older than `before` (or the newest page), or with
 * `after`, what was written since that moment. Not both: a read is either scrolling or live.
 */
export const timelineQuerySchema = z
  .object({
    view: z.enum(TIMELINE_VIEWS, { error: "The view is all, notes or pinned." }).default("all"),
    before: cursorSchema.optional(),
    after: z.iso.datetime({ error: "after is an ISO time, like 2026-12-07T22:31:09.000Z." }).transform((s) => new Date(s)).optional(),
  })
  .refine((q) => !(q.before && q.after), { error: "Ask for older (before) or newer (after) events, not both." });
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;
