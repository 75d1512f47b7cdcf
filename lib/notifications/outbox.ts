import "server-only";
import type { Prisma, Tx } from "@/lib/db";
import type { Severity } from "@/lib/incidents/rules";
import { parsedCatalogVersion } from "@/lib/services/catalog-store";
import { fromCatalog, matchChannels, channelKey, type ChannelRef } from "./channels-match";
import { severityOf, type NotificationEvent, type Payload } from "./payload";
import { nudgeDelivery } from "./wake";

// The outbox: a change that people should hear about writes its notifications in its own
// transaction, so they exist exactly when the change does (a rolled-back declare tells nobody),
// and sending happens after, in the delivery worker, where a slow or dead receiver cannot hold
// the incident's transaction or fail it. Cost per change: one read (the newest catalog version's
// id and the enabled admin channels together), and one insert when a channel matches.

type Row = { versionId: number | null; channels: { id: string; name: string; events: string[]; minSeverity: Severity }[] };

async function channelsIn(tx: Tx): Promise<ChannelRef[]> {
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT (SELECT "id" FROM "CatalogVersion" ORDER BY "id" DESC LIMIT 1) AS "versionId",
           COALESCE((SELECT json_agg(json_build_object('id', "id", 'name', "name", 'events', "events", 'minSeverity', "minSeverity"))
                     FROM "NotificationChannel" WHERE "enabled"), '[]'::json) AS "channels"`;
  const catalog = row.versionId === null ? [] : fromCatalog((await parsedCatalogVersion(row.versionId, tx)).catalog.notifications);
  const admin = row.channels.map((c) => ({ key: channelKey(c.id), name: c.name, events: c.events, minSeverity: c.minSeverity }));
  return [...catalog, ...admin];
}

export type Facts = Omit<Payload, "event" | "occurredAt">;

/** Writes one pending notification per channel that hears `event`; returns how many. */
export async function enqueueNotifications(tx: Tx, event: NotificationEvent, facts: Facts): Promise<number> {
  const payload: Payload = { event, occurredAt: new Date().toISOString(), ...facts };
  const targets = matchChannels(await channelsIn(tx), event, severityOf(payload));
  if (!targets.length) return 0;
  await tx.notification.createMany({
    data: targets.map((c) => ({
      channelKey: c.key, channelName: c.name, event, incidentId: facts.incident?.id ?? null, payload: payload as unknown as Prisma.InputJsonValue,
    })),
  });
  nudgeDelivery();
  return targets.length;
}
