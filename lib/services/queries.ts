import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { OPEN_STATUSES } from "@/lib/incidents/rules";
import { catalogFile, getActiveCatalog } from "@/lib/services/catalog-store";
import type { CatalogService } from "@/lib/services/catalog-schema";
import { effectiveStatus } from "@/lib/services/status";
import { panelInfo } from "@/lib/services/panels";
import type { CheckStatus, OpenIncidentRef, ServiceDetail, ServiceSummary, SubCheck } from "@/lib/services/types";

export { getPanelData } from "@/lib/services/panels";

type State = { status: CheckStatus; reason: string | null; since: Date; checkedAt: Date | null; latencyMs: number | null; subChecks: unknown };

async function uptimes(slugs: string[]) {
  const rows = await db.$queryRaw<{ slug: string; c24: number; ok24: number; c7: number; ok7: number }[]>`
    SELECT "slug",
      sum("checks") FILTER (WHERE "hour" > now() - interval '24 hours')::int AS c24,
      sum("notDown") FILTER (WHERE "hour" > now() - interval '24 hours')::int AS ok24,
      sum("checks")::int AS c7, sum("notDown")::int AS ok7
    FROM "HealthHourly" WHERE "slug" = ANY(${slugs}) AND "hour" > now() - interval '7 days'
    GROUP BY "slug"`;
  const ratio = (ok: number | null, all: number | null) => (all ? (ok ?? 0) / all : null);
  return new Map(rows.map((r) => [r.slug, { uptime24h: ratio(r.ok24, r.c24), uptime7d: ratio(r.ok7, r.c7) }]));
}

async function openIncidentsBySlug(slugs: string[]) {
  const incidents = await db.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, services: { hasSome: slugs } },
    orderBy: [{ severity: "asc" }, { startedAt: "asc" }],
    select: { number: true, title: true, severity: true, status: true, services: true },
  });
  const by = new Map<string, OpenIncidentRef[]>();
  for (const i of incidents) for (const s of i.services) by.set(s, [...(by.get(s) ?? []), { number: i.number, title: i.title, severity: i.severity, status: i.status }]);
  return by;
}

function summarize(s: CatalogService, state: State | undefined, ctx: {
  deps: Map<string, string[]>; dependents: Map<string, string[]>; statusOf: (slug: string) => CheckStatus | undefined;
  up: Map<string, { uptime24h: number | null; uptime7d: number | null }>; incidents: Map<string, OpenIncidentRef[]>;
}): ServiceSummary {
  const own = { status: state?.status ?? "unknown", reason: state?.reason ?? (state ? null : "not checked yet") };
  const shown = effectiveStatus(s.slug, own, ctx.deps, ctx.statusOf);
  return {
    slug: s.slug, name: s.name, team: s.team ?? null, owner: s.owner ?? null, tier: s.tier ?? null, description: s.description,
    status: shown.status, checkStatus: own.status, reason: shown.reason,
    since: state?.since.toISOString() ?? null, checkedAt: state?.checkedAt?.toISOString() ?? null, latencyMs: state?.latencyMs ?? null,
    uptime24h: ctx.up.get(s.slug)?.uptime24h ?? null, uptime7d: ctx.up.get(s.slug)?.uptime7d ?? null,
    dependsOn: s.dependsOn, dependents: ctx.dependents.get(s.slug) ?? [], openIncidents: ctx.incidents.get(s.slug) ?? [],
    unmonitored: !s.health && !s.metrics?.scrape,
  };
}

/** The catalog, every service's state and effective status: cheap (one query), no uptimes. */
export const loadFleet = cache(async () => {
  const active = await getActiveCatalog();
  const all = active.catalog.services;
  const states = await db.serviceState.findMany({ where: { slug: { in: all.map((s) => s.slug) } } });
  const stateOf = new Map(states.map((s) => [s.slug, s as State]));
  const deps = new Map(all.map((s) => [s.slug, s.dependsOn]));
  const dependents = new Map<string, string[]>();
  for (const s of all) for (const d of s.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), s.slug]);
  const statusOf = (slug: string) => stateOf.get(slug)?.status;
  const shown = (s: CatalogService) => {
    const state = stateOf.get(s.slug);
    const own = { status: state?.status ?? "unknown", reason: state?.reason ?? (state ? null : "not checked yet") };
    return effectiveStatus(s.slug, own, deps, statusOf);
  };
  return { active, all, stateOf, deps, dependents, statusOf, shown };
});

export type Fleet = Awaited<ReturnType<typeof loadFleet>>;

/** Full summaries of `chosen`: uptimes and open incidents are read for those services only. */
export async function summarizeSome(fleet: Fleet, chosen: CatalogService[]): Promise<ServiceSummary[]> {
  const slugs = chosen.map((s) => s.slug);
  if (!slugs.length) return [];
  const [up, incidents] = await Promise.all([uptimes(slugs), openIncidentsBySlug(slugs)]);
  const ctx = { deps: fleet.deps, dependents: fleet.dependents, statusOf: fleet.statusOf, up, incidents };
  return chosen.map((s) => summarize(s, fleet.stateOf.get(s.slug), ctx));
}

async function load(only?: string[]) {
  const fleet = await loadFleet();
  const chosen = only ? fleet.all.filter((s) => only.includes(s.slug)) : fleet.all;
  return { active: fleet.active, chosen, stateOf: fleet.stateOf, summaries: await summarizeSome(fleet, chosen) };
}

type Active = Awaited<ReturnType<typeof getActiveCatalog>>;
const catalogInfo = (active: Active) => ({
  versionId: active.versionId, loadedAt: active.loadedAt?.toISOString() ?? null, source: active.source, problems: active.problems, file: catalogFile(),
});

/** Which catalog is in force, from where, and its problems: the services page's header line. */
export const getCatalogInfo = cache(async () => catalogInfo(await getActiveCatalog()));

export const listServices = cache(async () => {
  const { active, summaries } = await load();
  return { services: summaries, catalog: catalogInfo(active) };
});

/** Summaries of some services (an incident's affected ones), in the order given; unknown slugs are skipped. */
export async function listServicesBySlug(slugs: string[]): Promise<ServiceSummary[]> {
  if (!slugs.length) return [];
  const { summaries } = await load(slugs);
  return slugs.map((s) => summaries.find((x) => x.slug === s)).filter((x): x is ServiceSummary => Boolean(x));
}

export const getService = cache(async (slug: string): Promise<ServiceDetail | null> => {
  const { chosen, stateOf, summaries } = await load([slug]);
  const s = chosen[0];
  if (!s) return null;
  const history = await db.auditEntry.findMany({
    where: { targetType: "service", targetId: slug, verb: "service.status" },
    orderBy: { seq: "desc" }, take: 20, select: { at: true, after: true },
  });
  return {
    ...summaries[0],
    links: s.links, escalation: s.escalation, healthUrl: s.health?.url ?? null,
    subChecks: (stateOf.get(slug)?.subChecks ?? []) as SubCheck[],
    history: history.map((h) => {
      const a = (h.after ?? {}) as { to?: CheckStatus; reason?: string | null };
      return { at: h.at.toISOString(), status: a.to ?? "unknown", reason: a.reason ?? null };
    }),
    panels: s.panels.map((p, i) => panelInfo(s, i)),
    actions: s.actions.map((a) => ({ name: a.name, title: a.title, description: a.description, danger: a.danger, approval: a.approval })),
  };
});
