import "server-only";
import { cache } from "react";
import { db, type Prisma } from "@/lib/db";
import type { AlertFilter, AlertView } from "@/lib/alerts/schemas";

// What the Alerts page and an incident's Alerts card read.

export const ALERTS_PAGE_SIZE = 50;

const SELECT = {
  id: true, alertname: true, status: true, severity: true, service: true, summary: true, fingerprint: true,
  startsAt: true, endsAt: true, lastSeenAt: true, fireCount: true, labels: true, runbookUrl: true, generatorUrl: true,
  group: { select: { source: true, receiver: true } },
  incident: { select: { number: true, title: true, status: true } },
  runbook: { select: { slug: true, title: true } },
} satisfies Prisma.AlertSelect;

type Row = Prisma.AlertGetPayload<{ select: typeof SELECT }>;
export type ActiveSilence = { id: string; endsAt: Date; reason: string; createdByLabel: string };
export type AlertRow = Omit<Row, "labels"> & { labels: Record<string, string>; silence: ActiveSilence | null };

const activeSilence = (now: Date) => ({ endedAt: null, endsAt: { gt: now } }) satisfies Prisma.AlertSilenceWhereInput;

async function silencesFor(fingerprints: string[], now: Date): Promise<Map<string, ActiveSilence>> {
  if (!fingerprints.length) return new Map();
  const rows = await db.alertSilence.findMany({
    where: { fingerprint: { in: fingerprints }, ...activeSilence(now) },
    select: { id: true, fingerprint: true, endsAt: true, reason: true, createdByLabel: true },
    orderBy: { endsAt: "desc" },
  });
  const out = new Map<string, ActiveSilence>();
  for (const r of rows) if (!out.has(r.fingerprint)) out.set(r.fingerprint, r);
  return out;
}

async function withSilences(rows: Row[], now: Date): Promise<AlertRow[]> {
  const silences = await silencesFor([...new Set(rows.map((r) => r.fingerprint))], now);
  return rows.map((r) => ({ ...r, labels: (r.labels ?? {}) as Record<string, string>, silence: silences.get(r.fingerprint) ?? null }));
}

function whereFor(view: AlertView, q: string | undefined, silenced: string[]): Prisma.AlertWhereInput {
  const text: Prisma.AlertWhereInput = q
    ? { OR: [{ alertname: { contains: q, mode: "insensitive" } }, { summary: { contains: q, mode: "insensitive" } }, { service: { contains: q, mode: "insensitive" } }] }
    : {};
  const byView: Record<AlertView, Prisma.AlertWhereInput> = {
    firing: { status: "firing", fingerprint: { notIn: silenced } },
    silenced: { fingerprint: { in: silenced } },
    resolved: { status: "resolved" },
    all: {},
  };
  return { AND: [byView[view], text] };
}

export type AlertCounts = Record<AlertView, number>;

/** The Alerts page: a page of alerts (firing first, most severe first, newest first) and the count of each view. */
export async function listAlerts(filter: AlertFilter, now = new Date()) {
  const silenced = (await db.alertSilence.findMany({ where: activeSilence(now), select: { fingerprint: true }, distinct: ["fingerprint"] })).map((s) => s.fingerprint);
  const where = whereFor(filter.view, filter.q, silenced);
  const [rows, total, firing, resolved, all] = await Promise.all([
    db.alert.findMany({ where, select: SELECT, orderBy: [{ status: "asc" }, { severity: "asc" }, { startsAt: "desc" }, { id: "asc" }], skip: (filter.page - 1) * ALERTS_PAGE_SIZE, take: ALERTS_PAGE_SIZE }),
    db.alert.count({ where }),
    db.alert.count({ where: whereFor("firing", undefined, silenced) }),
    db.alert.count({ where: { status: "resolved" } }),
    db.alert.count(),
  ]);
  const silencedCount = silenced.length ? await db.alert.count({ where: whereFor("silenced", undefined, silenced) }) : 0;
  const counts: AlertCounts = { firing, silenced: silencedCount, resolved, all };
  return { rows: await withSilences(rows, now), total, counts };
}

/** The alerts behind one incident, firing first. */
export const listIncidentAlerts = cache(async (incidentId: string): Promise<AlertRow[]> => {
  const rows = await db.alert.findMany({ where: { incidentId }, select: SELECT, orderBy: [{ status: "asc" }, { severity: "asc" }, { startsAt: "asc" }], take: 200 });
  return withSilences(rows, new Date());
});

/** Firing, unsilenced alerts: the count in the navigation. */
export async function countFiringAlerts(now = new Date()) {
  const silenced = (await db.alertSilence.findMany({ where: activeSilence(now), select: { fingerprint: true }, distinct: ["fingerprint"] })).map((s) => s.fingerprint);
  return db.alert.count({ where: whereFor("firing", undefined, silenced) });
}
