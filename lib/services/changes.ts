import "server-only";
import { db } from "@/lib/db";
import { getLatestAuditSeq } from "@/lib/live/queries";
import { countStatuses, linkedSlugs } from "@/lib/services/list-page";
import { matchesStatus } from "@/lib/services/service-filter";
import { loadFleet, summarizeSome, type Fleet } from "@/lib/services/queries";
import type { ServiceDelta } from "@/lib/services/types";

// Delta updates for the services list: every status change is an audit entry (service.status),
// so "what changed after seq N" is a read of the audit log's tail. The browser keeps the seq as
// its cursor and merges the few changed services into what it holds; it refetches everything
// only when told to (a catalog reload, or a cursor too far behind).

/** More relevant entries than this after the cursor: cheaper to refetch the page than to merge. */
const MAX_ENTRIES = 300;
/** A cursor this many seqs behind the head (a tab asleep for hours) is too old to catch up from. */
const MAX_LAG = 50_000n;

type Entry = { targetType: string; targetId: string | null };

async function entriesAfter(since: bigint, head: bigint): Promise<Entry[]> {
  return db.$queryRaw<Entry[]>`
    SELECT "targetType", "targetId" FROM "AuditEntry"
    WHERE seq > ${since} AND seq <= ${head} AND "targetType" IN ('service', 'catalog', 'incident')
    ORDER BY seq LIMIT ${MAX_ENTRIES + 1}`;
}

/** An incident's change may add or drop it from its services' rows: those services changed too. */
async function servicesOfIncidents(ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.incident.findMany({ where: { id: { in: ids } }, select: { services: true } });
  return rows.flatMap((r) => r.services);
}

/** A service going down or coming back changes its dependents' "impacted", all the way up. */
function withDependents(fleet: Fleet, slugs: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const queue = [...slugs];
  while (queue.length) {
    const slug = queue.shift()!;
    if (out.has(slug)) continue;
    out.add(slug);
    queue.push(...(fleet.dependents.get(slug) ?? []));
  }
  return out;
}

/** The services changed after `since` (an audit seq), as full rows, plus the fleet's counts. */
export async function listServiceChanges(since: bigint): Promise<ServiceDelta> {
  const head = await getLatestAuditSeq();
  const cursor = String(head);
  if (since > head) return { reset: true, cursor, reason: "the cursor is ahead of this server's log" };
  if (head - since > MAX_LAG) return { reset: true, cursor, reason: "the cursor is too old" };
  const entries = since === head ? [] : await entriesAfter(since, head);
  if (entries.length > MAX_ENTRIES) return { reset: true, cursor, reason: "too many changes to send one by one" };
  if (entries.some((e) => e.targetType === "catalog")) return { reset: true, cursor, reason: "the catalog was reloaded" };
  const direct = entries.filter((e) => e.targetType === "service" && e.targetId).map((e) => e.targetId!);
  const incidentIds = [...new Set(entries.filter((e) => e.targetType === "incident" && e.targetId).map((e) => e.targetId!))];
  const fleet = await loadFleet();
  const slugs = withDependents(fleet, direct);
  for (const slug of await servicesOfIncidents(incidentIds)) slugs.add(slug);
  const chosen = fleet.all.filter((s) => slugs.has(s.slug));
  const shown = fleet.all.map((s) => ({ slug: s.slug, ...fleet.shown(s) }));
  const linked = linkedSlugs(fleet);
  const standaloneFailing = shown.filter((x) => !linked.has(x.slug) && matchesStatus(x.status, "failing")).length;
  const changed = await summarizeSome(fleet, chosen);
  return { reset: false, cursor, changed, counts: countStatuses(shown), total: fleet.all.length, standaloneFailing };
}
