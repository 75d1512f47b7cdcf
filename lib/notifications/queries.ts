import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { catalogKey, channelKey } from "./channels-match";
import type { Payload } from "./payload";
import { urlHint } from "./seal";

export type ChannelRow = {
  key: string;
  id: string | null;
  name: string;
  kind: "slack" | "webhook";
  /** what may be shown of the target: the catalog's ${env:NAME} reference, or the URL's hint */
  target: string;
  signed: boolean;
  events: string[];
  minSeverity: string;
  enabled: boolean;
  source: string;
};

export const listChannels = cache(async (): Promise<ChannelRow[]> => {
  const active = await getActiveCatalog();
  const fromCatalog = active.catalog.notifications.map((c) => ({
    key: catalogKey(c.name), id: null, name: c.name, kind: c.kind,
    target: c.url.includes("${env:") ? c.url : urlHint(c.url), signed: Boolean(c.secret), events: [...c.events], minSeverity: c.minSeverity, enabled: true, source: `catalog (${active.source ?? "file"})`,
  }));
  const rows = await db.notificationChannel.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, urlHint: true, secretSealed: true, events: true, minSeverity: true, enabled: true, createdByLabel: true },
  });
  const admin = rows.map((c) => ({
    key: channelKey(c.id), id: c.id, name: c.name, kind: c.kind === "slack" ? ("slack" as const) : ("webhook" as const),
    target: c.urlHint, signed: Boolean(c.secretSealed), events: c.events, minSeverity: c.minSeverity, enabled: c.enabled, source: `added by ${c.createdByLabel}`,
  }));
  return [...fromCatalog, ...admin];
});

export type DeliveryFilter = { failedOnly?: boolean; take?: number };

export const listDeliveries = cache(async (filter: DeliveryFilter = {}) => {
  const rows = await db.notification.findMany({
    where: filter.failedOnly ? { status: "failed" } : {},
    orderBy: { id: "desc" },
    take: filter.take ?? 50,
    select: {
      id: true, channelKey: true, channelName: true, event: true, incidentId: true, payload: true, status: true,
      attempts: true, nextAttemptAt: true, lastError: true, lastStatus: true, createdAt: true, deliveredAt: true,
    },
  });
  return rows.map(({ payload, ...r }) => {
    const p = payload as unknown as Payload;
    return { ...r, id: r.id.toString(), incident: p.incident ? { ref: p.incident.ref, number: p.incident.number } : null, action: p.action?.title ?? null };
  });
});
export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/** Deliveries that gave up in the last day: the count the admin banner shows. */
export const FAILURE_WINDOW_MS = 24 * 60 * 60_000;
export const countRecentFailures = cache(() =>
  db.notification.count({ where: { status: "failed", createdAt: { gte: new Date(Date.now() - FAILURE_WINDOW_MS) } } }),
);
