"use client";
import { Pin } from "lucide-react";
import type { WarRoomEvent } from "@/lib/live/war-room";
import { STATUS_LABELS } from "@/components/incidents/labels";
import type { Status } from "@/lib/incidents/rules";
import { cn } from "@/lib/cn";
import { runbookEventText } from "@/lib/runbooks/event-text";
import { actionEventText } from "@/lib/actions/event-text";
import { followupEventText } from "@/lib/followups/event-text";
import { reportEventText } from "@/lib/reports/event-text";
import { alertEventText } from "@/lib/alerts/event-text";
import { linkEventText, mergeEventText } from "@/lib/incidents/event-text";

type Data = Record<string, unknown> & { from?: Record<string, unknown> };
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : JSON.stringify(v));
const status = (v: unknown) => STATUS_LABELS[v as Status] ?? str(v);

/** One line of text per event kind; later features add kinds, unknown ones show their name. */
function describe(e: WarRoomEvent): string {
  const d = (e.data ?? {}) as Data;
  switch (e.kind) {
    case "note": return e.body ?? "";
    case "declared": return `Declared ${str(d.severity)}: ${str(d.title)}`;
    case "status": return `${d.reopen ? "Reopened" : "Status"}: ${status(d.from?.status)} → ${status(d.status)}`;
    case "severity": return `Severity: ${str(d.from?.severity)} → ${str(d.severity)}`;
    case "role": return `${str(d.role)}: ${str(d.from?.name) || "nobody"} → ${str(d.name) || "nobody"}`;
    case "title": return `Title changed to “${str(d.title)}”`;
    case "summary": return "Summary updated";
    case "health": return `${str(d.service)} health: ${str(d.from)} → ${str(d.status ?? d.to)}${d.reason ? ` (${str(d.reason)})` : ""}`;
    case "services": return `Affected services: ${Array.isArray(d.services) && d.services.length ? d.services.join(", ") : "none"}`;
    case "runbook": return runbookEventText(d, e.actorLabel);
    case "action": return actionEventText(d, e.actorLabel);
    case "followup": return followupEventText(d, e.actorLabel);
    case "report": return reportEventText(d, e.actorLabel);
    case "alert": return alertEventText(d);
    case "merge": return mergeEventText(d);
    case "link": return linkEventText(d);
    default: return e.kind;
  }
}

const hhmmss = (iso: string) => iso.slice(11, 19);

/** The selected incident's timeline, newest first, kept simple for the big screen. */
export function TimelineList({ events }: { events: WarRoomEvent[] }) {
  if (!events.length) return <p className="text-muted">Nothing on the timeline yet.</p>;
  return (
    <ol className="flex flex-col divide-y divide-border" data-testid="war-room-timeline">
      {events.map((e) => (
        <li key={e.id} className="flex gap-4 py-2.5" data-kind={e.kind}>
          <time dateTime={e.occurredAt} className="w-20 shrink-0 pt-0.5 font-mono text-sm text-muted" title={`${e.occurredAt.replace("T", " ").slice(0, 19)} UTC`}>
            {hhmmss(e.occurredAt)}
          </time>
          <div className="min-w-0 flex-1">
            <p className={cn("break-words whitespace-pre-wrap", e.kind === "note" ? "text-base" : "text-base font-medium text-muted")}>
              {e.pinned ? <Pin className="mr-1 inline size-4 text-accent" aria-label="Pinned" /> : null}
              {describe(e)}
            </p>
            <p className="text-xs text-muted">{e.actorLabel}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
