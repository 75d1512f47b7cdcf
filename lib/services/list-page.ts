import "server-only";
import { getLatestAuditSeq } from "@/lib/live/queries";
import { loadFleet, summarizeSome, type Fleet } from "@/lib/services/queries";
import { compareWorstFirst, matchesQuery, matchesStatus, type ServicePageQuery } from "@/lib/services/service-filter";
import type { CatalogService } from "@/lib/services/catalog-schema";
import type { HealthStatus, MapNode, ServiceMap, ServicePage, StatusCounts } from "@/lib/services/types";

// The services list at fleet scale: a page of full rows (uptimes and incidents read for those
// rows only), the connected part of the dependency map, and counts. Never every service's
// summary: at 1,400 services that was 4.8 MB of HTML.

/** Up to this many standalone services travel with the map, shown at once; more collapse to a count. */
export const STANDALONE_INLINE = 24;

type Shown = { s: CatalogService; status: HealthStatus; reason: string | null };

function shownAll(fleet: Fleet): Shown[] {
  return fleet.all.map((s) => ({ s, ...fleet.shown(s) }));
}

export function countStatuses(list: { status: HealthStatus }[]): StatusCounts {
  const counts: StatusCounts = {};
  for (const x of list) counts[x.status] = (counts[x.status] ?? 0) + 1;
  return counts;
}

const sortable = (x: Shown) => ({ status: x.status, tier: x.s.tier ?? null, name: x.s.name });
const filterable = (x: Shown) => ({ slug: x.s.slug, name: x.s.name, status: x.status, team: x.s.team ?? null, owner: x.s.owner ?? null });

/** One page of the list, worst first, after the search and status filter. */
export async function listServicePage(query: ServicePageQuery): Promise<ServicePage> {
  // The cursor is read before the data: a change landing meanwhile is replayed, never missed.
  const cursor = String(await getLatestAuditSeq());
  const fleet = await loadFleet();
  const shown = shownAll(fleet);
  const matched = shown.filter((x) => matchesQuery(filterable(x), query)).sort((a, b) => compareWorstFirst(sortable(a), sortable(b)));
  const pageCount = Math.max(1, Math.ceil(matched.length / query.per));
  const page = Math.min(query.page, pageCount);
  const slice = matched.slice((page - 1) * query.per, page * query.per);
  const statusOf = new Map(shown.map((x) => [x.s.slug, x.status]));
  const dependencyStatus: Record<string, HealthStatus> = {};
  for (const d of slice.flatMap((x) => x.s.dependsOn)) if (statusOf.has(d)) dependencyStatus[d] = statusOf.get(d)!;
  return {
    rows: await summarizeSome(fleet, slice.map((x) => x.s)),
    total: shown.length,
    matched: matched.length,
    page,
    pageCount,
    per: query.per,
    q: query.q,
    status: query.status,
    counts: countStatuses(shown),
    dependencyStatus,
    cursor,
  };
}

function toNode(x: Shown): MapNode {
  return { slug: x.s.slug, name: x.s.name, status: x.status, reason: x.reason, tier: x.s.tier ?? null, dependsOn: x.s.dependsOn };
}

/** Whether a service has a dependency in either direction on another catalog service. */
export function linkedSlugs(fleet: Fleet): Set<string> {
  const known = new Set(fleet.all.map((s) => s.slug));
  const linked = new Set<string>();
  for (const s of fleet.all) {
    const deps = s.dependsOn.filter((d) => known.has(d));
    if (deps.length) [s.slug, ...deps].forEach((x) => linked.add(x));
  }
  return linked;
}

/** The dependency map's connected part; standalone services are counted, not sent. */
export async function getServiceMap(): Promise<ServiceMap> {
  const fleet = await loadFleet();
  const linked = linkedSlugs(fleet);
  const shown = shownAll(fleet);
  const alone = shown.filter((x) => !linked.has(x.s.slug));
  const few = alone.length <= STANDALONE_INLINE;
  return {
    nodes: shown.filter((x) => linked.has(x.s.slug)).map(toNode),
    standalone: alone.length,
    standaloneFailing: alone.filter((x) => matchesStatus(x.status, "failing")).length,
    standaloneNodes: few ? alone.sort((a, b) => compareWorstFirst(sortable(a), sortable(b))).map(toNode) : null,
  };
}

/** The services with no dependency either way, worst first: asked for when the map expands them. */
export async function listStandaloneNodes(): Promise<MapNode[]> {
  const fleet = await loadFleet();
  const linked = linkedSlugs(fleet);
  return shownAll(fleet)
    .filter((x) => !linked.has(x.s.slug))
    .sort((a, b) => compareWorstFirst(sortable(a), sortable(b)))
    .map(toNode);
}
