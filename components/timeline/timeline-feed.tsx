"use client";
import { useEffect, useMemo, useRef } from "react";
import { Pin, PinOff } from "lucide-react";
import { renderEvent } from "@/components/timeline/event-kinds";
import { IconSprite } from "@/components/timeline/sprite";
import { TimelineEvent } from "@/components/timeline/timeline-event";
import { useTimelineFeed, type TimelinePageData } from "@/components/timeline/use-timeline-feed";
import { Button } from "@/components/ui/button";
import type { TimelineView } from "@/lib/timeline/wire";

type Props = { number: number; incidentId: string; view: TimelineView; canEdit: boolean; initial: TimelinePageData; since: string };

const EMPTY: Record<TimelineView, string> = {
  all: "Nothing on the timeline yet.",
  notes: "No notes yet.",
  pinned: "Nothing pinned yet. Pin the events that tell the story.",
};

/** The timeline's events, newest first; older pages load as the reader nears the end. */
export function TimelineFeed({ number, incidentId, view, canEdit, initial, since }: Props) {
  const { items, older, loading, error, loadOlder, setPinned } = useTimelineFeed({ number, incidentId, view, initial, since });
  const icons = useMemo(() => [...items.map((e) => renderEvent(e).icon), Pin, PinOff], [items]);
  const sentinel = useRef<HTMLDivElement>(null);

  // Nearing the end of what is loaded fetches the next page; the button is the fallback.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !older || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadOlder(), { rootMargin: "600px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [older, loadOlder]);

  if (!items.length) return <p className="px-4 py-8 text-center text-sm text-muted" data-testid="timeline">{EMPTY[view]}</p>;
  return (
    <>
      <IconSprite icons={icons} />
      <ol data-testid="timeline" data-count={items.length}>
        {items.map((e) => <TimelineEvent key={e.id} event={e} canEdit={canEdit} onPinned={setPinned} />)}
      </ol>
      {older || error ? (
        <div ref={sentinel} className="flex items-center justify-center gap-3 border-t border-border p-3" data-testid="timeline-older">
          {error ? <p className="text-sm text-danger">{error}</p> : null}
          {older ? (
            <Button type="button" variant="secondary" disabled={loading} onClick={() => loadOlder()}>
              {loading ? "Loading older events…" : error ? "Try again" : "Load older events"}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="border-t border-border p-3 text-center text-xs text-muted" data-testid="timeline-end">
          The beginning of the timeline.
        </p>
      )}
    </>
  );
}
