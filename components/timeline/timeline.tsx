import Link from "next/link";
import type { TimelineEntry, TimelineFilter } from "@/lib/incidents/queries";
import { NoteComposer } from "@/components/timeline/note-composer";
import { TimelineEvent } from "@/components/timeline/timeline-event";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";

const FILTERS: { value: TimelineFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "notes", label: "Notes" },
  { value: "pinned", label: "Pinned" },
];

type Props = { incidentId: string; basePath: string; events: TimelineEntry[]; pinned: TimelineEntry[]; filter: TimelineFilter; canEdit: boolean };

/** The incident's timeline, newest first, with its key (pinned) events in a strip above it. */
export function Timeline({ incidentId, basePath, events, pinned, filter, canEdit }: Props) {
  return (
    <section aria-labelledby="timeline-heading" className="flex flex-col gap-4">
      {pinned.length ? (
        <Card className="border-warning/60" data-testid="key-events">
          <h2 className="border-b border-border px-4 py-2 text-sm font-semibold text-warning">Key events</h2>
          <ol>
            {pinned.map((e) => <TimelineEvent key={e.id} event={e} canEdit={canEdit} compact />)}
          </ol>
        </Card>
      ) : null}
      <Card>
        <div className="flex items-center justify-between gap-4 border-b border-border px-4 py-3">
          <h2 id="timeline-heading" className="text-base font-semibold">Timeline</h2>
          <nav aria-label="Timeline filter" className="flex gap-1 rounded-md bg-surface-2 p-1">
            {FILTERS.map((f) => (
              <Link
                key={f.value}
                href={f.value === "all" ? basePath : `${basePath}?view=${f.value}`}
                scroll={false}
                aria-current={filter === f.value ? "page" : undefined}
                className={cn("rounded px-3 py-1 text-sm font-medium", filter === f.value ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg")}
              >
                {f.label}
              </Link>
            ))}
          </nav>
        </div>
        {canEdit ? <NoteComposer incidentId={incidentId} /> : null}
        {events.length ? (
          <ol data-testid="timeline">
            {events.map((e) => <TimelineEvent key={e.id} event={e} canEdit={canEdit} />)}
          </ol>
        ) : (
          <p className="px-4 py-8 text-center text-sm text-muted" data-testid="timeline">
            {filter === "notes" ? "No notes yet." : filter === "pinned" ? "Nothing pinned yet. Pin the events that tell the story." : "Nothing on the timeline yet."}
          </p>
        )}
      </Card>
    </section>
  );
}
