"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { INCIDENTS_TOPIC, SERVICES_TOPIC } from "@/lib/live/topics";
import type { HealthStrip } from "@/lib/services/health-strip";
import { usePacedLiveChanges } from "@/components/live/use-paced-live";
import { serviceKeys } from "@/components/services/keys";
import { getJson } from "@/components/services/use-services";

const TOPICS = [SERVICES_TOPIC, INCIDENTS_TOPIC];

/**
 * The failing services, live: a status change (every one is audited) or an incident change
 * (which may now cover a service) refetches at once; `since` (the page's render seq) makes a
 * change that landed before the strip mounted refetch too. The interval is only the safety
 * net, and the strip asks for the failing services alone, never the whole fleet.
 */
export function useHealthStrip(initial?: HealthStrip, since?: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: serviceKeys.strip(),
    queryFn: ({ signal }) => getJson<HealthStrip>("/api/services?failing=1", signal),
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  usePacedLiveChanges(TOPICS, () => client.invalidateQueries({ queryKey: serviceKeys.strip() }), { since });
  return query;
}
