import "server-only";
import { db } from "@/lib/db";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { runbookIndex } from "@/lib/alerts/runbook-link";
import { getEnv } from "@/lib/env";
import type { AttachCatalog } from "@/lib/alerts/attach";

// What ingest matches alerts against. The runbook index is rebuilt only when the runbooks
// change (a cheap aggregate tells), not per notification: a burst of 1,000 alerts a minute must
// not reread every runbook each time, and a runbook imported a second ago must already link.

type Index = ReturnType<typeof runbookIndex> & { titles: Map<string, { slug: string; title: string }> };
let cached: { stamp: string; value: Promise<Index> } | null = null;

async function runbooksStamp(): Promise<string> {
  const [row] = await db.$queryRaw<{ n: bigint; archived: bigint; edited: Date | null }[]>`
    SELECT count(*) AS n, count(*) FILTER (WHERE "archived") AS archived, max("lastEditedAt") AS edited FROM "Runbook"`;
  return `${row.n}/${row.archived}/${row.edited?.toISOString() ?? ""}`;
}

export async function loadRunbookIndex(): Promise<Index> {
  const stamp = await runbooksStamp();
  if (cached?.stamp === stamp) return cached.value;
  const value = db.runbook
    .findMany({ where: { archived: false }, select: { id: true, slug: true, title: true, alerts: true }, orderBy: { lastEditedAt: "desc" } })
    .then((rows) => ({ ...runbookIndex(rows), titles: new Map(rows.map((r) => [r.id, { slug: r.slug, title: r.title }])) }));
  cached = { stamp, value };
  value.catch(() => { if (cached?.value === value) cached = null; });
  return value;
}

/** Forget the cache (tests that import runbooks, then ingest at once). */
export function forgetRunbookIndex() {
  cached = null;
}

/**
 * The catalog as ingest matches against it: service slugs, dependsOn and the rules that opt out
 * of attaching (attach.ts). Read BEFORE `db.$transaction`: it goes through the global client.
 */
export async function loadAttachCatalog(mode: AttachCatalog["mode"] = getEnv().SITREP_ALERT_ATTACH): Promise<AttachCatalog> {
  const { catalog } = await getActiveCatalog();
  return {
    mode,
    services: new Set(catalog.services.map((s) => s.slug)),
    dependsOn: new Map(catalog.services.map((s) => [s.slug, s.dependsOn])),
    ruleOptOut: new Set(catalog.services.flatMap((s) => s.alertRules.filter((r) => r.attach === false).map((r) => `${s.slug}/${r.name}`))),
  };
}
