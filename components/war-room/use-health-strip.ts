"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { INCIDENTS_TOPIC, SERVICES_TOPIC } from "@/lib/live/topics";
import type { HealthStrip } from "@/lib/services/health-strip";
import { serviceKeys } from "@/components/services/keys";
import { getJson, useLiveInvalidate } from "@/components/services/use-services";

/**
 * The failing services, live: a status change (every one is audited) or an incident change
 * (which may now cover a service) refetches at once. The interval is only the safety net: the
 * strip asks for the failing services alone, never the whole fleet.
 */
export function useHealthStrip(initial?: HealthStrip) {
  const query = useQuery({
    queryKey: serviceKeys.strip(),
    queryFn: ({ signal }) => getJson<HealthStrip>("/api/services?failing=1", signal),
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  useLiveInvalidate([SERVICES_TOPIC, INCIDENTS_TOPIC], serviceKeys.strip());
  return query;
}
