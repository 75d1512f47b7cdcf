"use client";
import { useEffect, useMemo, useRef } from "react";
import { Pin, PinOff } from "lucide-react";
import { renderEvent } from "@/components/timeline/event-kinds";
import { KeyEvents } from "@/components/timeline/key-events";
import { IconSprite } from "@/components/timeline/sprite";
import { TimelineEvent } from "@/components/timeline/timeline-event";
import { useTimelineFeed, type TimelinePageData } from "@/components/timeline/use-timeline-feed";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { TimelineItem, TimelineView } from "@/lib/timeline/wire";

/** The newest pinned events: ids of those on the first page, whole events for the others. */
export type KeyEventsData = { ids: string[]; extra: TimelineItem[]; more: boolean };

type Props = {
  number: number;
  incidentId: string;
  view: TimelineView;
  canEdit: boolean;
  initial: TimelinePageData;
  keyEvents: KeyEventsData;
  since: string;
  /** the card's heading and filter tabs, and the note composer (rendered by the server) */
  toolbar: React.ReactNode;
  composer: React.ReactNode;
};

const EMPTY: Record<TimelineView, string> = {
  all: "Nothing on the timeline yet.",
  notes: "No notes yet.",
  pinned: "Nothing pinned yet. Pin the events that tell the story.",
};

/**
 * The timeline, newest first, with its key events above it. One client component holds every
 * event, so each travels to the browser once; older pages load as the reader nears the end.
 */
export function TimelineFeed({ number, incidentId, view, canEdit, initial, keyEvents, since, toolbar, composer }: Props) {
  const { items, held, older, loading, error, loadOlder, setPinned } = useTimelineFeed({ number, incidentId, view, initial, since });
  const keyItems = useMemo(() => {
    const extra = new Map(keyEvents.extra.map((e) => [e.id, e]));
    return keyEvents.ids.flatMap((id) => held.get(id) ?? extra.get(id) ?? []).filter((e) => e.pinned);
  }, [keyEvents, held]);
  const icons = useMemo(() => [...items, ...keyItems].map((e) => renderEvent(e).icon).concat(Pin, PinOff), [items, keyItems]);
  const sentinel = useRef<HTMLDivElement>(null);

  // Nearing the end of what is loaded fetches the next page; the button is the fallback.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !older || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadOlder(), { rootMargin: "600px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [older, loadOlder]);

  return (
    <>
      <IconSprite icons={icons} />
      <KeyEvents events={keyItems} more={keyEvents.more} pinnedHref={`/incidents/${number}?view=pinned`} canEdit={canEdit} onPinned={setPinned} />
      <Card>
        {toolbar}
        {composer}
        {items.length ? (
          <ol data-testid="timeline">
            {items.map((e) => <TimelineEvent key={e.id} event={e} canEdit={canEdit} onPinned={setPinned} />)}
          </ol>
        ) : (
          <p className="px-4 py-8 text-center text-sm text-muted" data-testid="timeline">{EMPTY[view]}</p>
        )}
        {older || error ? (
          <div ref={sentinel} className="flex items-center justify-center gap-3 border-t border-border p-3" data-testid="timeline-older">
            {error ? <p className="text-sm text-danger">{error}</p> : null}
            {older ? (
              <Button type="button" variant="secondary" disabled={loading} onClick={() => loadOlder()}>
                {loading ? "Loading older events…" : error ? "Try again" : "Load older events"}
              </Button>
            ) : null}
          </div>
        ) : items.length ? (
          <p className="border-t border-border p-3 text-center text-xs text-muted" data-testid="timeline-end">The beginning of the timeline.</p>
        ) : null}
      </Card>
    </>
  );
}
