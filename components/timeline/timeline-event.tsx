import { Pin } from "lucide-react";
import type { TimelineEntry } from "@/lib/incidents/queries";
import { renderEvent } from "@/components/timeline/event-kinds";
import { PinButton } from "@/components/timeline/pin-button";
import { Time } from "@/components/timeline/time";
import { formatUtc } from "@/components/timeline/time-format";
import { cn } from "@/lib/cn";

/** A note "happened at" well before it was written is a backfill, and says so. */
const BACKFILL_SLACK_MS = 60_000;
export const isBackfilled = (e: TimelineEntry) => e.createdAt.getTime() - e.occurredAt.getTime() > BACKFILL_SLACK_MS;

export function TimelineEvent({ event, canEdit, compact = false }: { event: TimelineEntry; canEdit: boolean; compact?: boolean }) {
  const { icon: Icon, tone, content } = renderEvent(event);
  const backfilled = isBackfilled(event);
  return (
    <li
      data-testid="timeline-event"
      data-kind={event.kind}
      data-pinned={event.pinned || undefined}
      className={cn(
        "grid grid-cols-[2rem_1fr_auto] gap-3 border-b border-border px-4 py-3 last:border-0",
        event.pinned && !compact && "border-l-4 border-l-warning bg-warning/5",
      )}
    >
      <span className={cn("mt-0.5 flex size-8 items-center justify-center rounded-full bg-surface-2", tone ?? "text-muted")}>
        <Icon className="size-4" aria-hidden />
      </span>
      <div className="min-w-0">
        <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted">
          <span className="font-medium text-fg">{event.actorLabel}</span>
          <Time at={event.occurredAt} />
          <span className="tabular-nums">{formatUtc(event.occurredAt, true)}</span>
          {backfilled ? (
            <span data-testid="backfilled" title={`Written ${formatUtc(event.createdAt, true)}`} className="rounded border border-accent/50 px-1 font-medium text-accent">
              backfilled · written {formatUtc(event.createdAt)}
            </span>
          ) : null}
          {event.pinned ? (
            <span className="inline-flex items-center gap-0.5 font-medium text-warning"><Pin className="size-3" aria-hidden />key event</span>
          ) : null}
        </p>
        <div className={cn("mt-0.5 text-sm", compact && "line-clamp-2")}>{content}</div>
      </div>
      <div>{canEdit ? <PinButton eventId={event.id} pinned={event.pinned} /> : null}</div>
    </li>
  );
}
