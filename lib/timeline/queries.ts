import "server-only";
import { db, type Prisma } from "@/lib/db";
import { encodeCursor, type Cursor, type TimelineItem, type TimelineView } from "@/lib/timeline/wire";

/** Events per page the browser fetches as the reader scrolls. */
export const TIMELINE_PAGE = 50;
/** Events the incident page itself carries (the newest): the first screenful or two, kept light. */
export const TIMELINE_FIRST_PAGE = 12;
/** A burst of live additions beyond this is cut; the feed then asks again from the newest it got. */
const NEWER_MAX = 200;
/**
 * Live reads ask for events created after the newest one the browser holds, minus this margin:
 * a transaction that stamped createdAt earlier may commit after a later one (the feed drops the
 * repeats by id), and no write transaction is allowed to run this long.
 */
const COMMIT_SLACK_MS = 15_000;

const VIEW_WHERE: Record<TimelineView, Prisma.TimelineEventWhereInput> = {
  all: {},
  notes: { kind: "note" },
  pinned: { pinned: true },
};

const select = { id: true, kind: true, occurredAt: true, createdAt: true, actorLabel: true, body: true, data: true, pinned: true } as const;
type Row = Prisma.TimelineEventGetPayload<{ select: typeof select }>;

const toItem = (r: Row): TimelineItem => ({
  id: r.id.toString(),
  kind: r.kind,
  occurredAt: r.occurredAt.toISOString(),
  createdAt: r.createdAt.getTime() === r.occurredAt.getTime() ? undefined : r.createdAt.toISOString(),
  actorLabel: r.actorLabel,
  body: r.body,
  data: r.data,
  pinned: r.pinned,
});

/** Strictly older than the cursor in (occurredAt desc, id desc) order. */
const olderThan = (c: Cursor): Prisma.TimelineEventWhereInput => ({
  OR: [{ occurredAt: { lt: c.occurredAt } }, { occurredAt: c.occurredAt, id: { lt: c.id } }],
});

export type TimelinePage = { events: TimelineItem[]; older: string | null };

/** One page of an incident's timeline, newest first, before `cursor` (or from the top). */
export async function listTimelinePage(incidentId: string, view: TimelineView, cursor?: Cursor, limit = TIMELINE_PAGE): Promise<TimelinePage> {
  const rows = await db.timelineEvent.findMany({
    where: { incidentId, ...VIEW_WHERE[view], ...(cursor ? olderThan(cursor) : {}) },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select,
  });
  const events = rows.slice(0, limit).map(toItem);
  return { events, older: rows.length > limit ? encodeCursor(events[events.length - 1]) : null };
}

/** Events written since `after` (a createdAt the browser already holds), newest first. */
export async function listTimelineSince(incidentId: string, view: TimelineView, after: Date): Promise<TimelineItem[]> {
  const rows = await db.timelineEvent.findMany({
    where: { incidentId, ...VIEW_WHERE[view], createdAt: { gt: new Date(after.getTime() - COMMIT_SLACK_MS) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NEWER_MAX,
    select,
  });
  return rows.map(toItem);
}
