"use client";
import { AlarmClock, UserX } from "lucide-react";
import { incidentRef, responseDeadline, type Severity, type Status } from "@/lib/incidents/rules";
import type { WarRoomIncident } from "@/lib/live/war-room";
import { StatusBadge } from "@/components/incidents/badges";
import { AckClock, Countdown } from "@/components/war-room/clocks";
import { SEVERITY_BAR } from "@/components/war-room/severity-style";
import { formatClock } from "@/components/war-room/use-clock";
import { cn } from "@/lib/cn";

type Props = { incident: WarRoomIncident; now: number | null; selected: boolean; onSelect: (n: number) => void };

/** One open incident, readable from across the room. */
export function IncidentCard({ incident: i, now, selected, onSelect }: Props) {
  const severity = i.severity as Severity;
  const unacknowledged = !i.acknowledgedAt;
  const started = Date.parse(i.startedAt);
  const deadline = responseDeadline(severity, new Date(i.startedAt)).getTime();
  const mttrDeadline = i.runbookMttrMinutes !== null ? started + i.runbookMttrMinutes * 60_000 : deadline;
  return (
    <button
      type="button"
      onClick={() => onSelect(i.number)}
      aria-pressed={selected}
      data-testid="war-room-card"
      data-incident={i.number}
      data-status={i.status}
      className={cn(
        "relative flex w-full flex-col gap-3 rounded-xl border-2 border-l-[12px] bg-surface p-4 text-left transition hover:bg-surface-2",
        unacknowledged ? "border-red-600" : "border-border",
        SEVERITY_BAR[severity], // after the border colour, so the severity bar keeps its own
        selected && "ring-4 ring-accent ring-offset-2 ring-offset-bg",
      )}
    >
      {unacknowledged ? <span className="pointer-events-none absolute -inset-[2px] animate-pulse rounded-xl border-4 border-red-500" aria-hidden /> : null}
      <div className="flex items-center gap-3">
        <span className="text-xl font-black tabular-nums">{incidentRef(i.number)}</span>
        <StatusBadge status={i.status as Status} size="lg" />
        <span className="ml-auto text-lg tabular-nums text-muted" data-testid="age">
          <span className="text-xs font-semibold tracking-wider uppercase">Age </span>
          {now === null ? "…" : formatClock(now - started)}
        </span>
      </div>
      <p className="line-clamp-2 text-2xl leading-tight font-semibold">{i.title}</p>
      {i.overdueFollowups ? (
        <span className="inline-flex w-fit items-center gap-1.5 rounded-md bg-danger px-2 py-0.5 text-sm font-bold text-white dark:text-bg" data-testid="overdue-badge">
          <AlarmClock className="size-4" aria-hidden />{i.overdueFollowups} overdue
        </span>
      ) : null}
      <AckClock startedAt={i.startedAt} acknowledgedAt={i.acknowledgedAt} now={now} />
      <div className="grid grid-cols-2 gap-3">
        <Countdown label={`Response target (${severity})`} deadline={deadline} doneAt={i.mitigatedAt} now={now} testId="response-countdown" />
        {/* The runbook being run says its own MTTR target ("MTTR Target: 2 minutes"); else the severity's. */}
        <Countdown label={i.runbookMttrMinutes !== null ? "MTTR target (runbook)" : "MTTR target"} deadline={mttrDeadline} doneAt={i.resolvedAt} now={now} testId="mttr-countdown" />
      </div>
      {i.commander ? (
        <p className="text-base">
          <span className="text-muted">Commander </span>
          <span className="font-semibold">{i.commander.name}</span>
        </p>
      ) : (
        <p className="inline-flex w-fit items-center gap-2 rounded-md bg-warning/20 px-2 py-1 text-base font-bold text-warning" data-testid="no-commander">
          <UserX className="size-5" aria-hidden />
          No commander
        </p>
      )}
    </button>
  );
}
