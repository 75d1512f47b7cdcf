import "server-only";
import { db } from "@/lib/db";
import { OPEN_STATUSES } from "@/lib/incidents/rules";
import { createChangeCache } from "@/lib/live/change-cache";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { isFailing, sortStrip, STRIP_LIMIT, type HealthStrip, type StripService } from "@/lib/services/health-strip";
import { effectiveStatus } from "@/lib/services/status";
import type { CheckStatus, OpenIncidentRef } from "@/lib/services/types";

// The war room's strip reads only the services that are not up (a handful of rows, by the
// poller's own ServiceState) and the open incidents that list them: never the whole fleet's
// summaries, uptimes and incidents. Every status change, incident change and catalog reload
// writes an audit entry, so one result per audit seq serves every screen watching.

type Row = { slug: string; status: CheckStatus; reason: string | null; since: Date };

async function openIncidentsFor(slugs: string[]): Promise<Map<string, OpenIncidentRef[]>> {
  const by = new Map<string, OpenIncidentRef[]>();
  if (!slugs.length) return by;
  const incidents = await db.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, services: { hasSome: slugs } },
    orderBy: [{ severity: "asc" }, { startedAt: "asc" }],
    select: { number: true, title: true, severity: true, status: true, services: true },
  });
  for (const i of incidents) {
    for (const s of i.services) by.set(s, [...(by.get(s) ?? []), { number: i.number, title: i.title, severity: i.severity, status: i.status }]);
  }
  return by;
}

async function loadStrip(): Promise<HealthStrip> {
  const { catalog } = await getActiveCatalog();
  const services = catalog.services;
  const slugs = services.map((s) => s.slug);
  // Not up: down, degraded and unknown rows. A service with no row yet is unknown too.
  const rows = slugs.length
    ? await db.serviceState.findMany({ where: { slug: { in: slugs }, status: { not: "up" } }, select: { slug: true, status: true, reason: true, since: true } })
    : [];
  const notUp = new Map<string, Row>(rows.map((r) => [r.slug, r]));
  const failingRows = rows.filter((r) => isFailing(r.status));
  const deps = new Map(services.map((s) => [s.slug, s.dependsOn]));
  const bySlug = new Map(services.map((s) => [s.slug, s]));
  const all: StripService[] = failingRows.map((r) => {
    const s = bySlug.get(r.slug)!;
    // Only "down" matters to the dependency walk, and every down service is among these rows.
    const shown = effectiveStatus(r.slug, { status: r.status, reason: r.reason }, deps, (d) => notUp.get(d)?.status ?? "up");
    return {
      slug: r.slug, name: s.name, tier: s.tier ?? null, status: shown.status as StripService["status"], reason: shown.reason,
      since: r.since.toISOString(), openIncidents: [],
    };
  });
  // At 1,400 services a bad day can fail hundreds: name the worst, count the rest.
  const named = sortStrip(all).slice(0, STRIP_LIMIT);
  const incidents = await openIncidentsFor(named.map((s) => s.slug));
  const failing = named.map((s) => ({ ...s, openIncidents: incidents.get(s.slug) ?? [] }));
  const counts = { down: 0, degraded: 0, impacted: 0 };
  for (const s of all) counts[s.status]++;
  const up = slugs.length - rows.length;
  return { total: slugs.length, up, unknown: rows.length - failingRows.length, failing, counts, more: all.length - named.length };
}

const cached = createChangeCache<HealthStrip>();

/** The failing services right now (down, degraded, impacted) and how many are fine. */
export function getHealthStrip(): Promise<HealthStrip> {
  return cached("strip", loadStrip);
}
