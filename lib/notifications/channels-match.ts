// Which channels hear an event: pure, so the outbox hook and its tests share one rule.
import type { Severity } from "@/lib/incidents/rules";
import type { CatalogChannel } from "@/lib/services/catalog-schema";
import type { NotificationEvent } from "./payload";

/** A channel as the outbox sees it, whichever its source. */
export type ChannelRef = { key: string; name: string; events: readonly string[]; minSeverity: Severity };

export const catalogKey = (name: string) => `catalog:${name}`;
export const channelKey = (id: string) => `channel:${id}`;

export function parseChannelKey(key: string): { source: "catalog"; name: string } | { source: "channel"; id: string } | null {
  if (key.startsWith("catalog:") && key.length > 8) return { source: "catalog", name: key.slice(8) };
  if (key.startsWith("channel:") && key.length > 8) return { source: "channel", id: key.slice(8) };
  return null;
}

export const fromCatalog = (channels: readonly CatalogChannel[]): ChannelRef[] =>
  channels.map((c) => ({ key: catalogKey(c.name), name: c.name, events: c.events, minSeverity: c.minSeverity }));

/**
 * The channels subscribed to `event` whose minSeverity the incident meets (P1 is the most
 * severe: a "P2" channel hears P1 and P2). An event without an incident (an approval asked
 * outside any incident) reaches every channel subscribed to it.
 */
export function matchChannels(channels: readonly ChannelRef[], event: NotificationEvent, severity: Severity | null): ChannelRef[] {
  const seen = new Set<string>();
  return channels.filter((c) => {
    if (seen.has(c.key) || !c.events.includes(event)) return false;
    if (severity && severity > c.minSeverity) return false;
    seen.add(c.key);
    return true;
  });
}
