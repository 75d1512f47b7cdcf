"use client";
import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { INCIDENTS_TOPIC, SERVICES_TOPIC } from "@/lib/live/topics";
import type { ServiceDelta, ServiceMap, ServicePage } from "@/lib/services/types";
import { usePacedLiveChanges } from "@/components/live/use-paced-live";
import { serviceKeys } from "@/components/services/keys";
import { mergeMap, mergePage } from "@/lib/services/merge-delta";
import { getJson, LIST_POLL_MS } from "@/components/services/use-services";

const TOPICS = [SERVICES_TOPIC, INCIDENTS_TOPIC];

/**
 * Keeps the services list and map current with deltas: every few seconds, and at once when the
 * live feed reports a service or incident change, it asks /api/services?since=<cursor> for the
 * services whose status changed and merges them into the cached page and map. Only a "reset"
 * (a catalog reload, a cursor too far behind) refetches them whole.
 */
export function useServiceDeltas(initialCursor: string) {
  const client = useQueryClient();
  const cursor = useRef(initialCursor);
  const busy = useRef(false);
  const again = useRef(false);
  const [state, setState] = useState<{ error: Error | null; updatedAt: number }>({ error: null, updatedAt: 0 });

  const apply = (delta: ServiceDelta) => {
    if (delta.reset) {
      for (const key of [serviceKeys.pages(), serviceKeys.map(), serviceKeys.standalone()]) void client.invalidateQueries({ queryKey: key });
      return;
    }
    if (!delta.changed.length) return;
    client.setQueriesData<ServicePage>({ queryKey: serviceKeys.pages() }, (old) => old && mergePage(old, delta.changed, delta.counts, delta.total));
    client.setQueryData<ServiceMap>(serviceKeys.map(), (old) => old && mergeMap(old, delta.changed, delta.standaloneFailing));
    // The expanded standalone list is small in number of changes: refetch it rather than merge.
    void client.invalidateQueries({ queryKey: serviceKeys.standalone() });
  };

  const poll = async (): Promise<void> => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    try {
      const delta = await getJson<ServiceDelta>(`/api/services?since=${cursor.current}`, AbortSignal.timeout(15_000));
      cursor.current = delta.cursor;
      apply(delta);
      setState({ error: null, updatedAt: Date.now() });
    } catch (e) {
      setState((s) => ({ ...s, error: e instanceof Error ? e : new Error(String(e)) }));
    } finally {
      busy.current = false;
      if (again.current) {
        again.current = false;
        void poll();
      }
    }
  };
  const pollRef = useRef(poll);
  useEffect(() => {
    pollRef.current = poll;
  });

  useEffect(() => {
    const t = setInterval(() => void pollRef.current(), LIST_POLL_MS);
    return () => clearInterval(t);
  }, []);
  usePacedLiveChanges(TOPICS, () => pollRef.current(), { since: initialCursor });
  return state;
}
