import "server-only";
import { db } from "@/lib/db";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { runbookIndex } from "@/lib/alerts/runbook-link";

// What ingest matches alerts against, read once every few seconds rather than per notification:
// a burst of 1,000 alerts a minute must not reread every runbook each time.

const TTL_MS = 5_000;
type Index = ReturnType<typeof runbookIndex> & { titles: Map<string, { slug: string; title: string }> };
let cached: { at: number; value: Promise<Index> } | null = null;

export function loadRunbookIndex(): Promise<Index> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const value = db.runbook
    .findMany({ where: { archived: false }, select: { id: true, slug: true, title: true, alerts: true }, orderBy: { lastEditedAt: "desc" } })
    .then((rows) => ({ ...runbookIndex(rows), titles: new Map(rows.map((r) => [r.id, { slug: r.slug, title: r.title }])) }));
  cached = { at: Date.now(), value };
  value.catch(() => { if (cached?.value === value) cached = null; });
  return value;
}

/** Forget the cache (tests that import runbooks, then ingest at once). */
export function forgetRunbookIndex() {
  cached = null;
}

export async function loadServiceSlugs(): Promise<Set<string>> {
  return new Set((await getActiveCatalog()).catalog.services.map((s) => s.slug));
}
