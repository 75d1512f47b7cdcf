import { Pin } from "lucide-react";
import { writtenAt, type TimelineItem } from "@/lib/timeline/wire";
import { renderEvent } from "@/components/timeline/event-kinds";
import { PinButton } from "@/components/timeline/pin-button";
import { SpriteIcon } from "@/components/timeline/sprite";
import { Ago } from "@/components/timeline/time";
import { formatUtc } from "@/components/timeline/time-format";
import { cn } from "@/lib/cn";

/** A note "happened at" well before it was written is a backfill, and says so. */
const BACKFILL_SLACK_MS = 60_000;
export const isBackfilled = (e: TimelineItem) => Date.parse(writtenAt(e)) - Date.parse(e.occurredAt) > BACKFILL_SLACK_MS;

type Props = { event: TimelineItem; canEdit: boolean; compact?: boolean; onPinned?: (id: string, pinned: boolean) => void };

// Class names come from app/globals.css (.tl-…): an incident page draws 50 of these at once.
// Icons come from the timeline's sprite (components/timeline/sprite.tsx).
export function TimelineEvent({ event, canEdit, compact = false, onPinned }: Props) {
  const { icon, tone, content } = renderEvent(event);
  const backfilled = isBackfilled(event);
  return (
    <li data-testid="timeline-event" data-kind={event.kind} data-pinned={event.pinned || undefined} className={cn("tl-ev", compact && "tl-compact")}>
      <span className={cn("tl-icon", tone ?? "text-muted")}>
        <SpriteIcon icon={icon} />
      </span>
      <div className="min-w-0">
        <p className="tl-meta">
          <b>{event.actorLabel}</b>
          <Ago at={event.occurredAt} />
          <time dateTime={event.occurredAt}>{formatUtc(event.occurredAt, true)}</time>
          {backfilled ? (
            <span data-testid="backfilled" title={`Written ${formatUtc(writtenAt(event), true)}`} className="tl-backfilled">
              backfilled · written {formatUtc(writtenAt(event))}
            </span>
          ) : null}
          {event.pinned ? (
            <span className="tl-key"><SpriteIcon icon={Pin} />key event</span>
          ) : null}
        </p>
        <div className="tl-body">{content}</div>
      </div>
      <div>{canEdit ? <PinButton eventId={event.id} pinned={event.pinned} onPinned={onPinned} /> : null}</div>
    </li>
  );
}
