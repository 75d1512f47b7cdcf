import "server-only";
import { cache } from "react";
import { db, type Prisma } from "@/lib/db";
import { OPEN_STATUSES, parseIncidentRef, type Status } from "@/lib/incidents/rules";
import type { IncidentFilter } from "@/lib/incidents/schemas";

const person = { select: { id: true, name: true } } as const;

export const incidentSelect = {
  id: true, number: true, title: true, summary: true, severity: true, status: true, services: true,
  startedAt: true, acknowledgedAt: true, investigatingAt: true, identifiedAt: true, mitigatedAt: true,
  resolvedAt: true, closedAt: true, version: true, createdAt: true, updatedAt: true,
  commander: person, scribe: person, comms: person, declaredBy: person,
  mergedAt: true, mergedInto: { select: { number: true, title: true } },
} as const satisfies Prisma.IncidentSelect;

export type IncidentDetail = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;

export const getIncidentByNumber = cache((number: number) =>
  db.incident.findUnique({ where: { number }, select: incidentSelect }),
);

/** The incident a URL names ("42", "INC-42", URL-encoded or not), or null. */
export async function getIncidentByRef(ref: string) {
  const number = parseIncidentRef(decodeURIComponent(ref));
  return number === null ? null : getIncidentByNumber(number);
}

export const PAGE_SIZE = 25;

function whereFor(f: IncidentFilter): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [];
  if (f.status === "open" || f.status === undefined) and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (f.status !== "all") and.push({ status: { in: (Array.isArray(f.status) ? f.status : [f.status]) as Status[] } });
  if (f.severity?.length) and.push({ severity: { in: f.severity } });
  if (f.service) and.push({ services: { has: f.service } });
  if (f.commander) and.push({ commanderId: f.commander === "none" ? null : f.commander });
  if (f.from) and.push({ startedAt: { gte: f.from } });
  if (f.to) and.push({ startedAt: { lte: f.to } });
  if (f.q) {
    const n = parseIncidentRef(f.q);
    and.push({
      OR: [
        ...(n ? [{ number: n }] : []),
        { title: { contains: f.q, mode: "insensitive" } },
        { summary: { contains: f.q, mode: "insensitive" } },
      ],
    });
  }
  return { AND: and };
}

const ORDER: Record<IncidentFilter["sort"], Prisma.IncidentOrderByWithRelationInput[]> = {
  started: [{ startedAt: "asc" }],
  "-started": [{ startedAt: "desc" }],
  severity: [{ severity: "asc" }, { startedAt: "desc" }],
  number: [{ number: "asc" }],
  "-number": [{ number: "desc" }],
  updated: [{ updatedAt: "desc" }],
};

export const listIncidents = cache(async (f: IncidentFilter) => {
  const where = whereFor(f);
  const [items, total] = await Promise.all([
    db.incident.findMany({
      where, orderBy: ORDER[f.sort], skip: (f.page - 1) * PAGE_SIZE, take: PAGE_SIZE,
      select: {
        id: true, number: true, title: true, severity: true, status: true, services: true, startedAt: true, resolvedAt: true, commander: person,
        mergedInto: { select: { number: true } },
      },
    }),
    db.incident.count({ where }),
  ]);
  return { items, total, page: f.page, pageSize: PAGE_SIZE };
});

/** Every open incident, most severe and oldest first: the war room's board. */
export async function listOpenIncidents() {
  return db.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] } },
    orderBy: [{ severity: "asc" }, { startedAt: "asc" }],
    select: incidentSelect,
  });
}

export type TimelineFilter = "all" | "notes" | "pinned" | "milestones";

const TIMELINE_WHERE: Record<TimelineFilter, Prisma.TimelineEventWhereInput> = {
  all: {},
  notes: { kind: "note" },
  pinned: { pinned: true },
  // What the milestones panel replays to say who moved the incident where.
  milestones: { kind: { in: ["declared", "status"] } },
};

/** The newest `limit` events (the war room, the milestones); the incident page pages through lib/timeline/queries.ts. */
export async function getTimeline(incidentId: string, filter: TimelineFilter = "all", limit = 100) {
  const rows = await db.timelineEvent.findMany({
    where: { incidentId, ...TIMELINE_WHERE[filter] },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, kind: true, occurredAt: true, createdAt: true, actorLabel: true, body: true, data: true, pinned: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
export type TimelineEntry = Awaited<ReturnType<typeof getTimeline>>[number];

/** Responders and admins who can hold an incident role. */
export const listAssignableUsers = cache(() =>
  db.user.findMany({ where: { active: true, role: { in: ["responder", "admin"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
);

/** The milestones MTTx needs, for incidents started in a time range (a merged duplicate is not an incident of its own). */
export async function listIncidentTimes(from: Date, to: Date) {
  return db.incident.findMany({
    where: { startedAt: { gte: from, lte: to }, mergedIntoId: null },
    select: { severity: true, services: true, startedAt: true, acknowledgedAt: true, mitigatedAt: true, resolvedAt: true },
  });
}

const related = { select: { id: true, number: true, title: true, status: true, mergedInto: { select: { number: true } } } } as const;

/** Incidents linked to this one (either side of the pair), and those merged into it. */
export const getIncidentRelations = cache(async (incidentId: string) => {
  const [links, mergedFrom] = await Promise.all([
    db.incidentLink.findMany({
      where: { OR: [{ aId: incidentId }, { bId: incidentId }] },
      select: { aId: true, a: related, b: related, createdAt: true, createdByLabel: true },
      orderBy: { createdAt: "asc" },
    }),
    db.incident.findMany({ where: { mergedIntoId: incidentId }, select: { number: true, title: true, mergedAt: true }, orderBy: { number: "asc" } }),
  ]);
  const linked = links.map((l) => ({ ...(l.aId === incidentId ? l.b : l.a), linkedBy: l.createdByLabel, linkedAt: l.createdAt }));
  return { linked, mergedFrom };
});
export type IncidentRelations = Awaited<ReturnType<typeof getIncidentRelations>>;
