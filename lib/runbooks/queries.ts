import "server-only";
import { cache } from "react";
import { db, type Prisma } from "@/lib/db";
import type { RunbookFilter } from "@/lib/runbooks/schemas";
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";

const LIST_SELECT = {
  id: true, slug: true, title: true, kind: true, source: true, services: true, alerts: true, tags: true, severity: true,
  mttrMinutes: true, version: true, archived: true, lastEditedAt: true, lastEditedBy: true, lastUsedAt: true, lastDrillAt: true,
} satisfies Prisma.RunbookSelect;
export type RunbookListItem = Prisma.RunbookGetPayload<{ select: typeof LIST_SELECT }>;

/** Every word must appear somewhere in the title, alerts, symptoms, tags or commands. */
function searchWhere(q: string | undefined): Prisma.RunbookWhereInput[] {
  const words = (q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  return words.map((w) => ({ searchText: { contains: w } }));
}

export const listRunbooks = cache(async (filter: RunbookFilter = {}) => {
  const where: Prisma.RunbookWhereInput = {
    archived: filter.archived === "1",
    AND: [
      ...searchWhere(filter.q),
      ...(filter.service ? [{ services: { has: filter.service } }] : []),
      ...(filter.alert ? [{ alerts: { has: filter.alert } }] : []),
      ...(filter.tag ? [{ tags: { has: filter.tag } }] : []),
    ],
  };
  const rows = await db.runbook.findMany({ where, select: LIST_SELECT, orderBy: [{ kind: "asc" }, { title: "asc" }], take: 500 });
  // Title matches first: "nats" should put "NATS Recovery" above a runbook that merely runs `nats`.
  const q = filter.q?.toLowerCase().trim();
  return q ? [...rows].sort((a, b) => Number(b.title.toLowerCase().includes(q)) - Number(a.title.toLowerCase().includes(q))) : rows;
});

/** The values the library's filters offer. */
export const getRunbookFacets = cache(async () => {
  const rows = await db.runbook.findMany({ where: { archived: false }, select: { services: true, alerts: true, tags: true } });
  const sorted = (pick: (r: (typeof rows)[number]) => string[]) => [...new Set(rows.flatMap(pick))].sort();
  return { services: sorted((r) => r.services), alerts: sorted((r) => r.alerts), tags: sorted((r) => r.tags) };
});

export const getRunbook = cache(async (slug: string) => {
  const rb = await db.runbook.findUnique({
    where: { slug },
    select: { ...LIST_SELECT, sourceKey: true, versions: { orderBy: { version: "desc" }, select: { id: true, version: true, note: true, authorLabel: true, createdAt: true, sha256: true } } },
  });
  if (!rb) return null;
  const current = await db.runbookVersion.findUnique({ where: { runbookId_version: { runbookId: rb.id, version: rb.version } }, select: { markdown: true, parsed: true } });
  if (!current) return null;
  return { ...rb, markdown: current.markdown, parsed: { ...(current.parsed as unknown as ParsedRunbook), markdown: current.markdown } };
});
export type RunbookDetail = NonNullable<Awaited<ReturnType<typeof getRunbook>>>;

export async function getRunbookVersionText(slug: string, version: number): Promise<string | null> {
  const v = await db.runbookVersion.findFirst({ where: { version, runbook: { slug } }, select: { markdown: true } });
  return v?.markdown ?? null;
}

/**
 * Runbooks for an incident: those its alerts link, those linked to its services, and those
 * answering an alert named in its title or summary ("RunnerDown firing"). Linked by an alert
 * first: it is the closest match.
 */
export async function suggestRunbooks(incident: { id?: string; services: string[]; title: string; summary: string }) {
  const words = new Set(`${incident.title} ${incident.summary}`.split(/[^A-Za-z0-9_]+/).filter((w) => w.length > 2));
  const [alerted, chosen] = incident.id ? await Promise.all([alertRunbookIds(incident.id), declaredRunbookIds(incident.id)]) : [[], []];
  const linked = [...alerted, ...chosen];
  const rows = await db.runbook.findMany({
    where: { archived: false, OR: [{ id: { in: linked } }, { services: { hasSome: incident.services } }, { alerts: { hasSome: [...words] } }] },
    select: LIST_SELECT,
    orderBy: [{ lastUsedAt: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    take: 200,
  });
  // An alert's own runbook (or the one chosen when declaring) beats an alert named in the incident, which beats a service match; a
  // scenario beats a shared section; then the runbook the team used most recently.
  const score = (r: (typeof rows)[number]) => (linked.includes(r.id) ? 4 : 0) + (r.alerts.some((a) => words.has(a)) ? 2 : 0) + (r.kind === "scenario" ? 1 : 0);
  return rows.sort((a, b) => score(b) - score(a)).slice(0, 50);
}

async function alertRunbookIds(incidentId: string): Promise<string[]> {
  const rows = await db.alert.findMany({ where: { incidentId, runbookId: { not: null } }, select: { runbookId: true }, distinct: ["runbookId"] });
  return rows.map((a) => a.runbookId!);
}

/** The runbook named when the incident was declared (from a failing service), if any. */
async function declaredRunbookIds(incidentId: string): Promise<string[]> {
  const declared = await db.timelineEvent.findFirst({ where: { incidentId, kind: "declared" }, select: { data: true } });
  const slug = (declared?.data as { runbook?: unknown } | null)?.runbook;
  if (typeof slug !== "string") return [];
  const rb = await db.runbook.findUnique({ where: { slug }, select: { id: true } });
  return rb ? [rb.id] : [];
}

/** Whether `slug` names a runbook in the library that is not archived. */
export async function runbookExists(slug: string): Promise<boolean> {
  return Boolean(await db.runbook.findFirst({ where: { slug, archived: false }, select: { id: true } }));
}

/**
 * The runbooks for a service, best first: those linked to it (the importer links a runbook to
 * the services its bindings, file name or title name) and those its catalog alert rules point
 * at (`bound`); scenarios before shared sections, then the one the team used most recently.
 */
export async function listServiceRunbooks(slug: string, bound: string[] = []) {
  const rows = await db.runbook.findMany({
    where: { archived: false, OR: [{ services: { has: slug } }, { slug: { in: bound } }] },
    select: { slug: true, title: true, kind: true },
    orderBy: [{ lastUsedAt: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    take: 50,
  });
  const rank = (r: (typeof rows)[number]) => (r.kind === "scenario" ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b)).map(({ slug, title }) => ({ slug, title }));
}
