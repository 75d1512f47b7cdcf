// Merging a delta (the services whose status changed) into what the browser already holds: the
// page of the list on screen and the dependency map. Pure, so the same rules are unit-tested.
import { compareWorstFirst, matchesQuery, type StatusFilter } from "@/lib/services/service-filter";
import type { MapNode, ServiceMap, ServicePage, ServiceSummary, StatusCounts } from "@/lib/services/types";

/**
 * Changed rows replace their old selves; a row that no longer matches the filter leaves; on the
 * first page a newly matching service joins (a service that just went down shows at the top).
 * Later pages only update in place: their boundaries settle on the next page change.
 */
export function mergePage(page: ServicePage, changed: ServiceSummary[], counts: StatusCounts, total: number): ServicePage {
  const query = { q: page.q, status: page.status as StatusFilter };
  const bySlug = new Map(changed.map((s) => [s.slug, s]));
  const kept = page.rows.map((r) => bySlug.get(r.slug) ?? r).filter((r) => !bySlug.has(r.slug) || matchesQuery(r, query));
  const present = new Set(kept.map((r) => r.slug));
  const joining = page.page === 1 ? changed.filter((s) => !present.has(s.slug) && matchesQuery(s, query)) : [];
  const rows = [...kept, ...joining].sort(compareWorstFirst);
  const left = page.rows.length - kept.length;
  const dependencyStatus = { ...page.dependencyStatus };
  for (const s of changed) if (s.slug in dependencyStatus) dependencyStatus[s.slug] = s.status;
  for (const r of joining) for (const d of r.dependsOn) dependencyStatus[d] ??= "unknown";
  const matched = Math.max(rows.length, page.matched + joining.length - left);
  return { ...page, rows, counts, total, matched, dependencyStatus };
}

const toNode = (s: ServiceSummary): MapNode => ({ slug: s.slug, name: s.name, status: s.status, reason: s.reason, tier: s.tier, dependsOn: s.dependsOn });

/** Nodes already drawn take their new status; the map's shape changes only with the catalog. */
export function mergeNodes(nodes: MapNode[], changed: ServiceSummary[]): MapNode[] {
  const bySlug = new Map(changed.map((s) => [s.slug, s]));
  return nodes.map((n) => {
    const s = bySlug.get(n.slug);
    return s ? toNode(s) : n;
  });
}

export function mergeMap(map: ServiceMap, changed: ServiceSummary[], standaloneFailing: number): ServiceMap {
  const standaloneNodes = map.standaloneNodes && mergeNodes(map.standaloneNodes, changed).sort(compareWorstFirst);
  return { ...map, nodes: mergeNodes(map.nodes, changed), standaloneFailing, standaloneNodes };
}
