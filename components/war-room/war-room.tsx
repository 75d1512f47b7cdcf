"use client";
import { useSyncExternalStore } from "react";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { INCIDENTS_TOPIC } from "@/lib/live/topics";
import { parseSelected } from "@/lib/live/selection";
import type { WarRoomData } from "@/lib/live/war-room";
import type { HealthStrip } from "@/lib/services/health-strip";
import { usePacedLiveChanges } from "@/components/live/use-paced-live";
import { AllClear } from "@/components/war-room/all-clear";
import { IncidentBoard } from "@/components/war-room/incident-board";
import { OverdueStrip } from "@/components/war-room/overdue-strip";
import { SelectedIncident } from "@/components/war-room/selected-incident";
import { ServiceStrip } from "@/components/war-room/service-strip";
import { useClock } from "@/components/war-room/use-clock";
import { WarRoomHeader } from "@/components/war-room/war-room-header";
import { warRoomKeys } from "@/components/war-room/keys";

type Board = WarRoomData & { receivedAt?: number };

const subscribeNever = () => () => {};
/**
 * The board renders in the browser only. Every wall screen refetches on every change, so the
 * server ships the data (the page's props) and leaves the rendering of 50 ticking cards to the
 * screens: measured, server-side rendering was the war room's main cost under load.
 */
const useInBrowser = () => useSyncExternalStore(subscribeNever, () => true, () => false);

async function fetchBoard(selected: number | null, signal: AbortSignal): Promise<Board> {
  const res = await fetch(`/api/war-room${selected ? `?incident=${selected}` : ""}`, { signal, cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended: sign in again." : `The war room could not refresh (HTTP ${res.status}).`);
  return { ...((await res.json()) as WarRoomData), receivedAt: Date.now() };
}

type Props = { initial: WarRoomData; strip?: HealthStrip; since?: string; initialSelected: number | null; canAct: boolean };

/** The big-screen war room: failing services on top, live board on the left, the selected incident on the right. */
export function WarRoom({ initial, strip, since, initialSelected, canAct }: Props) {
  const selected = parseSelected(useSearchParams().get("incident"));
  const queryClient = useQueryClient();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: warRoomKeys.board(selected),
    queryFn: ({ signal }) => fetchBoard(selected, signal),
    initialData: selected === initialSelected ? (initial as Board) : undefined,
    placeholderData: keepPreviousData,
    // The live stream drives refetches; this is only the safety net.
    refetchInterval: 30_000,
  });

  usePacedLiveChanges([INCIDENTS_TOPIC], () => queryClient.invalidateQueries({ queryKey: warRoomKeys.all }), { since });

  // Clocks follow the server's time: a wall screen's own clock is often off by minutes.
  const now = useClock(data?.receivedAt ? Date.parse(data.serverTime) - data.receivedAt : 0);
  const select = (n: number) => window.history.replaceState(null, "", `?incident=${n}`);
  const inBrowser = useInBrowser();
  if (!data) return <WarRoomHeader incidents={[]} now={now} />;
  if (!inBrowser) {
    return (
      <div className="flex flex-col gap-6" aria-busy="true">
        <WarRoomHeader incidents={data.incidents} now={now} />
        <div className="h-96 animate-pulse rounded-lg bg-surface-2" aria-label="Loading the war room" />
      </div>
    );
  }
  const current = data.selected?.incident.number ?? null;

  return (
    <div className="flex flex-col gap-6" data-testid="war-room">
      <WarRoomHeader incidents={data.incidents} now={now} stale={error ? { message: error.message, since: dataUpdatedAt } : undefined} />
      <ServiceStrip initial={strip} since={since} now={now} canDeclare={canAct} />
      {data.incidents.length === 0 ? <AllClear /> : null}
      {data.overdue ? <OverdueStrip overdue={data.overdue} now={now} /> : null}
      {data.incidents.length || data.selected ? (
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <IncidentBoard incidents={data.incidents} now={now} selected={current} onSelect={select} />
          {data.selected ? <SelectedIncident selected={data.selected} canAct={canAct} /> : null}
        </div>
      ) : null}
    </div>
  );
}
