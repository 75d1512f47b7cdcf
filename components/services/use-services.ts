"use client";
import { keepPreviousData, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { SERVICES_TOPIC, serviceTopic } from "@/lib/live/topics";
import type { PanelData, PanelRange, ServiceDetail, ServiceSummary } from "@/lib/services/types";
import { usePacedLiveChanges } from "@/components/live/use-paced-live";
import { serviceKeys } from "@/components/services/keys";

/** Health is polled every few seconds: the status column must never be much older than that. */
export const LIST_POLL_MS = 5_000;
export const PANEL_POLL_MS = 15_000;

export async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, cache: "no-store" });
  if (res.ok) return (await res.json()) as T;
  if (res.status === 401) throw new Error("Your session has ended: sign in again.");
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  throw new Error(body?.error ?? `The server answered HTTP ${res.status}.`);
}

/** Refetches `key` when a change on one of `topics` arrives; a burst makes one refetch. */
export function useLiveInvalidate(topics: string[], key: QueryKey) {
  const client = useQueryClient();
  usePacedLiveChanges(topics, () => client.invalidateQueries({ queryKey: key }));
}

/** Live summaries: the whole fleet, or only `slugs` (in the order given; unknown ones skipped). */
export function useServiceList({ slugs, initial }: { slugs?: string[]; initial?: ServiceSummary[] } = {}) {
  const key = serviceKeys.list(slugs);
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const qs = slugs ? `?slugs=${encodeURIComponent(slugs.join(","))}` : "";
      return (await getJson<{ services: ServiceSummary[] }>(`/api/services${qs}`, signal)).services;
    },
    // Fresh from the server render: react-query counts initialData as fetched just now.
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_POLL_MS,
    enabled: !slugs || slugs.length > 0,
  });
  useLiveInvalidate(slugs ? slugs.map(serviceTopic) : [SERVICES_TOPIC], serviceKeys.lists());
  return query;
}

export function useServiceDetail(slug: string, initial?: ServiceDetail, poll = LIST_POLL_MS) {
  const key = serviceKeys.detail(slug);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => getJson<ServiceDetail>(`/api/services/${encodeURIComponent(slug)}`, signal),
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: poll,
  });
  useLiveInvalidate([serviceTopic(slug)], key);
  return query;
}

export function usePanel(slug: string, index: number, range: PanelRange) {
  return useQuery({
    queryKey: serviceKeys.panel(slug, index, range),
    queryFn: ({ signal }) => getJson<PanelData>(`/api/services/${encodeURIComponent(slug)}/panels/${index}?range=${range}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: PANEL_POLL_MS,
  });
}
