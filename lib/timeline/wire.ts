// A timeline event as it travels to the browser (first page as props, later pages and live
// additions as JSON), and the cursor that names a position in the newest-first order. No server
// imports: the incident page's client feed uses both.
import { z } from "zod";

export type TimelineItem = {
  id: string;
  kind: string;
  /** ISO; when it happened (a backfilled note's is earlier than its createdAt) */
  occurredAt: string;
  /** ISO; when it was written, left out when that is occurredAt (most events: a page weighs less) */
  createdAt?: string;
  actorLabel: string;
  body: string | null;
  data: unknown;
  pinned: boolean;
};

/** The filters of the timeline's tabs; "milestones" is the sidebar's own read, not a tab. */
export const TIMELINE_VIEWS = ["all", "notes", "pinned"] as const;
export type TimelineView = (typeof TIMELINE_VIEWS)[number];

/** A position in (occurredAt desc, id desc) order: "everything older than this event". */
export type Cursor = { occurredAt: Date; id: bigint };

/** When the event was written. */
export const writtenAt = (e: Pick<TimelineItem, "occurredAt" | "createdAt">) => e.createdAt ?? e.occurredAt;

export const encodeCursor = (e: Pick<TimelineItem, "occurredAt" | "id">) => `${e.occurredAt}_${e.id}`;

const cursorPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)_(\d{1,19})$/;

export const cursorSchema = z
  .string()
  .regex(cursorPattern, "Not a timeline position.")
  .transform((s): Cursor => {
    const [, at, id] = cursorPattern.exec(s)!;
    return { occurredAt: new Date(at), id: BigInt(id) };
  })
  .refine((c) => !Number.isNaN(c.occurredAt.getTime()), "Not a timeline position.");

/** The newest-first order the page, the API and the feed all agree on. */
export function compareNewestFirst(a: TimelineItem, b: TimelineItem): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  const [x, y] = [BigInt(a.id), BigInt(b.id)];
  return x === y ? 0 : x < y ? 1 : -1;
}
