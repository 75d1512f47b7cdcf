"use client";
import Link from "next/link";
import { TimelineEvent } from "@/components/timeline/timeline-event";
import { Card } from "@/components/ui/card";
import type { TimelineItem } from "@/lib/timeline/wire";

type Props = { events: TimelineItem[]; more: boolean; pinnedHref: string; canEdit: boolean; onPinned: (id: string, pinned: boolean) => void };

/** The newest pinned events, compact, above the timeline; the Pinned tab lists them all. */
export function KeyEvents({ events, more, pinnedHref, canEdit, onPinned }: Props) {
  if (!events.length) return null;
  return (
    <Card className="border-warning/60" data-testid="key-events">
      <h2 className="flex justify-between border-b border-border px-4 py-2 text-sm font-semibold text-warning">
        Key events
        {more ? <Link href={pinnedHref} scroll={false} className="font-normal text-accent hover:underline">All key events</Link> : null}
      </h2>
      <ol>
        {events.map((e) => <TimelineEvent key={e.id} event={e} canEdit={canEdit} compact onPinned={onPinned} />)}
      </ol>
    </Card>
  );
}
