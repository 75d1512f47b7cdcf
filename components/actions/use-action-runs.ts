"use client";
import { useQuery } from "@tanstack/react-query";
import { getJson, useLiveInvalidate } from "@/components/services/use-services";
import { ACTIVE_STATUSES } from "@/lib/actions/info-types";
import { incidentTopic, serviceTopic } from "@/lib/live/topics";
import type { ActionRunView } from "@/lib/actions/run-view";

export const actionRunKeys = {
  all: ["action-runs"] as const,
  list: (scope: RunScope) => ["action-runs", scope.incidentId ?? null, scope.service ?? null] as const,
};

export type RunScope = { incidentId?: string; service?: string };

/** While a run is moving its status is polled each second; otherwise live changes refetch it. */
const ACTIVE_POLL_MS = 1_000;
const IDLE_POLL_MS = 15_000;

export function useActionRuns(scope: RunScope) {
  const key = actionRunKeys.list(scope);
  useLiveInvalidate([scope.incidentId ? incidentTopic(scope.incidentId) : serviceTopic(scope.service ?? "")], key);
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const qs = scope.incidentId ? `incident=${encodeURIComponent(scope.incidentId)}` : `service=${encodeURIComponent(scope.service ?? "")}`;
      return (await getJson<{ runs: ActionRunView[] }>(`/api/action-runs?${qs}`, signal)).runs;
    },
    refetchInterval: (q) => (q.state.data?.some((r) => ACTIVE_STATUSES.has(r.status) || r.verifyStatus === "pending") ? ACTIVE_POLL_MS : IDLE_POLL_MS),
  });
}
