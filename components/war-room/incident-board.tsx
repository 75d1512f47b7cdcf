"use client";
import { SEVERITIES, SEVERITY_INFO } from "@/lib/incidents/rules";
import type { WarRoomIncident } from "@/lib/live/war-room";
import { IncidentCard } from "@/components/war-room/incident-card";
import { SEVERITY_HEADING } from "@/components/war-room/severity-style";
import { cn } from "@/lib/cn";

type Props = { incidents: WarRoomIncident[]; now: number | null; selected: number | null; onSelect: (n: number) => void };

/** Every open incident, grouped by severity (P1 first), oldest first within a group. */
export function IncidentBoard({ incidents, now, selected, onSelect }: Props) {
  return (
    <div className="flex flex-col gap-6" data-testid="war-room-board">
      {SEVERITIES.map((severity) => {
        const group = incidents.filter((i) => i.severity === severity);
        if (!group.length) return null;
        return (
          <section key={severity} aria-labelledby={`group-${severity}`} className="flex flex-col gap-3">
            <h2 id={`group-${severity}`} className={cn("w-fit rounded-md px-3 py-1 text-lg font-extrabold tracking-wide", SEVERITY_HEADING[severity])}>
              {severity} · {SEVERITY_INFO[severity].label} <span className="font-semibold">({group.length})</span>
            </h2>
            {group.map((i) => (
              <IncidentCard key={i.id} incident={i} now={now} selected={i.number === selected} onSelect={onSelect} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
