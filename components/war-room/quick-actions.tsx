"use client";
import { useState } from "react";
import { changeIncidentSeverityAction, changeIncidentStatusAction } from "@/lib/incidents/actions";
import { SEVERITIES, SEVERITY_INFO, type Severity, type Status } from "@/lib/incidents/rules";
import type { WarRoomIncident } from "@/lib/live/war-room";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { laterStatuses, NEXT_STEP, STATUS_LABELS } from "@/components/incidents/labels";
import { NoteForm } from "@/components/war-room/note-form";
import { useWarRoomAction } from "@/components/war-room/use-war-room-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

const select = "h-11 rounded-md border border-border bg-surface px-3 text-base text-fg focus:border-accent focus:outline-none";

/** Acknowledge, move forward, change severity, add a note: each says what the person saw (`from`). */
export function QuickActions({ incident }: { incident: WarRoomIncident }) {
  const { run, pending, problem, dismiss } = useWarRoomAction();
  const status = incident.status as Status;
  const severity = incident.severity as Severity;
  const later = laterStatuses(status);
  const [to, setTo] = useState<string>("");
  const [sev, setSev] = useState<string>("");
  const target = (later.includes(to as Status) ? to : NEXT_STEP[status]?.to ?? "") as Status | "";
  const newSeverity = (sev && sev !== severity ? sev : "") as Severity | "";
  const move = (next: Status) => run(() => changeIncidentStatusAction({ incidentId: incident.id, from: status, to: next }), () => setTo(""));

  return (
    <section aria-label="Quick actions" className="flex flex-col gap-3" data-testid="quick-actions">
      <ConflictNotice message={problem} onDismiss={dismiss} />
      <div className="flex flex-wrap items-end gap-3">
        {status === "triggered" ? (
          <Button onClick={() => move("acknowledged")} disabled={pending} className="h-12 bg-red-600 px-6 text-lg font-bold text-white hover:bg-red-700">
            Acknowledge
          </Button>
        ) : null}
        {later.length ? (
          <div className="flex items-end gap-2">
            <label className="flex flex-col gap-1 text-sm font-medium">
              Status
              <select className={select} value={target} onChange={(e) => setTo(e.target.value)} aria-label="New status">
                {later.map((s) => (
                  <option key={s} value={s}>{STATUS_LABELS[s]}</option>
                ))}
              </select>
            </label>
            <Button variant="secondary" className="h-11" disabled={pending || !target} onClick={() => target && move(target)}>
              Move
            </Button>
          </div>
        ) : null}
        <div className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Severity
            <select className={select} value={sev || severity} onChange={(e) => setSev(e.target.value)} aria-label="New severity">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>{s} · {SEVERITY_INFO[s].label}</option>
              ))}
            </select>
          </label>
          <Button
            variant="secondary"
            className={cn("h-11", !newSeverity && "opacity-60")}
            disabled={pending || !newSeverity}
            onClick={() => newSeverity && run(() => changeIncidentSeverityAction({ incidentId: incident.id, from: severity, to: newSeverity }), () => setSev(""))}
          >
            Change
          </Button>
        </div>
      </div>
      <NoteForm incidentId={incident.id} />
    </section>
  );
}
