import Link from "next/link";
import { NoteComposer } from "@/components/timeline/note-composer";
import { TimelineFeed } from "@/components/timeline/timeline-feed";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { listTimelinePage, TIMELINE_FIRST_PAGE } from "@/lib/timeline/queries";
import type { TimelineView } from "@/lib/timeline/wire";

const FILTERS: { value: TimelineView; label: string }[] = [
  { value: "all", label: "All" },
  { value: "notes", label: "Notes" },
  { value: "pinned", label: "Pinned" },
];
/** The key events strip shows the newest few; the Pinned tab has them all. */
const KEY_EVENTS = 3;

type Props = { incidentId: string; number: number; view: TimelineView; canEdit: boolean; since: string };

/**
 * The incident's timeline: its newest page and newest key events read here, handed once to the
 * client feed (components/timeline/timeline-feed.tsx), which fetches the rest as needed.
 */
export async function Timeline({ incidentId, number, view, canEdit, since }: Props) {
  const [first, pinned] = await Promise.all([listTimelinePage(incidentId, view, undefined, TIMELINE_FIRST_PAGE), listTimelinePage(incidentId, "pinned", undefined, KEY_EVENTS)]);
  // A key event already on the first page travels once: by its id.
  const onFirst = new Set(first.events.map((e) => e.id));
  const keyEvents = { ids: pinned.events.map((e) => e.id), extra: pinned.events.filter((e) => !onFirst.has(e.id)), more: pinned.older !== null };
  const basePath = `/incidents/${number}`;
  const toolbar = (
    <div className="flex items-center justify-between gap-4 border-b border-border px-4 py-3">
      <h2 id="timeline-heading" className="text-base font-semibold">Timeline</h2>
      <nav aria-label="Timeline filter" className="flex gap-1 rounded-md bg-surface-2 p-1">
        {FILTERS.map((f) => (
          <Link
            key={f.value}
            href={f.value === "all" ? basePath : `${basePath}?view=${f.value}`}
            scroll={false}
            aria-current={view === f.value ? "page" : undefined}
            className={cn("rounded px-3 py-1 text-sm font-medium", view === f.value ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg")}
          >
            {f.label}
          </Link>
        ))}
      </nav>
    </div>
  );
  return (
    <section aria-labelledby="timeline-heading" className="flex flex-col gap-4">
      <TimelineFeed
        key={view}
        number={number}
        incidentId={incidentId}
        view={view}
        canEdit={canEdit}
        initial={first}
        keyEvents={keyEvents}
        since={since}
        toolbar={toolbar}
        composer={canEdit ? <NoteComposer incidentId={incidentId} /> : null}
      />
    </section>
  );
}

/** What the timeline looks like while its first page is on its way. */
export function TimelineSkeleton() {
  return (
    <Card className="h-96 animate-pulse" data-testid="timeline-skeleton" aria-busy="true" aria-label="Loading the timeline" />
  );
}
