"use client";
import { AlertTriangle } from "lucide-react";
import type { WarRoomIncident } from "@/lib/live/war-room";
import { LiveIndicator } from "@/components/live/live-indicator";
import { cn } from "@/lib/cn";

const utc = (ms: number) => new Date(ms).toISOString().slice(11, 19);

type Props = { incidents: WarRoomIncident[]; now: number | null; stale?: { message: string; since: number } };

/** Title, what is open at a glance, whether the screen is live, and the time in UTC. */
export function WarRoomHeader({ incidents, now, stale }: Props) {
  const unacknowledged = incidents.filter((i) => !i.acknowledgedAt).length;
  return (
    <header className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <h1 className="text-3xl font-bold tracking-tight">War room</h1>
        <p className="text-xl font-semibold" data-testid="war-room-counts">
          {incidents.length} open
          {unacknowledged ? <span className="ml-3 rounded-md bg-red-600 px-2 py-0.5 text-white">{unacknowledged} unacknowledged</span> : null}
        </p>
        <div className="ml-auto flex items-center gap-4">
          <LiveIndicator />
          <span className={cn("font-mono text-2xl tabular-nums", now === null && "invisible")} aria-label="Time (UTC)">
            {now === null ? "00:00:00" : utc(now)} <span className="text-base text-muted">UTC</span>
          </span>
        </div>
      </div>
      {stale ? (
        <p role="alert" className="flex items-center gap-2 rounded-md border border-warning bg-warning/10 px-3 py-2 text-sm text-fg">
          <AlertTriangle className="size-4 text-warning" aria-hidden />
          {stale.message} Showing what was current at {utc(stale.since)} UTC.
        </p>
      ) : null}
    </header>
  );
}
