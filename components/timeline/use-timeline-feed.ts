"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLiveChanges } from "@/components/live/use-live-changes";
import { incidentTopic } from "@/lib/live/topics";
import { compareNewestFirst, writtenAt, type TimelineItem, type TimelineView } from "@/lib/timeline/wire";

export type TimelinePageData = { events: TimelineItem[]; older: string | null };
type Options = { number: number; incidentId: string; view: TimelineView; initial: TimelinePageData; since: string };

const matches = (view: TimelineView, e: TimelineItem) => (view === "notes" ? e.kind === "note" : view === "pinned" ? e.pinned : true);

/** Server copies replace what we hold (they are fresher); events that left the view go. */
function merge(held: Map<string, TimelineItem>, view: TimelineView, incoming: TimelineItem[]) {
  const next = new Map(held);
  for (const e of incoming) {
    if (matches(view, e)) next.set(e.id, e);
    else next.delete(e.id);
  }
  return next;
}

/** The latest createdAt held: live reads ask for what was written after it. */
function newestWritten(held: Map<string, TimelineItem>) {
  let newest = "1970-01-01T00:00:00.000Z";
  for (const e of held.values()) if (writtenAt(e) > newest) newest = writtenAt(e);
  return newest;
}

async function getPage(number: number, params: Record<string, string>): Promise<TimelinePageData> {
  const res = await fetch(`/api/incidents/${number}/timeline?${new URLSearchParams(params)}`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (TimelinePageData & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `The timeline did not load (HTTP ${res.status}).`);
  return body;
}

/**
 * The incident page's timeline: the newest page comes from the server render; older pages load
 * on demand (`loadOlder`), and a live change on the incident fetches only what was written since
 * the newest event held. A server refresh's first page is merged in, never replacing the rest.
 */
export function useTimelineFeed({ number, incidentId, view, initial, since }: Options) {
  const [held, setHeld] = useState(() => merge(new Map(), view, initial.events));
  const [seenInitial, setSeenInitial] = useState(initial);
  const [older, setOlder] = useState(initial.older);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heldRef = useRef(held);
  const inflight = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  if (seenInitial !== initial) {
    setSeenInitial(initial);
    setHeld((h) => merge(h, view, initial.events));
  }
  useEffect(() => {
    heldRef.current = held;
  }, [held]);
  const items = [...held.values()].sort(compareNewestFirst);

  const loadOlder = useCallback(async () => {
    if (loading || !older) return;
    setLoading(true);
    try {
      const page = await getPage(number, { view, before: older });
      setHeld((h) => merge(h, view, page.events));
      setOlder(page.older);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [loading, older, number, view]);

  const fetchNewer = () => {
    if (inflight.current) return void (again.current = true);
    inflight.current = getPage(number, { view, after: newestWritten(heldRef.current) })
      .then((page) => setHeld((h) => merge(h, view, page.events)))
      .catch(() => {}) // the next change (or a refresh of the page) tries again
      .finally(() => {
        inflight.current = null;
        if (again.current) {
          again.current = false;
          fetchNewer();
        }
      });
  };
  useLiveChanges([incidentTopic(incidentId)], fetchNewer, since);

  const setPinned = useCallback((id: string, pinned: boolean) => {
    setHeld((h) => {
      const e = h.get(id);
      return e ? merge(h, view, [{ ...e, pinned }]) : h;
    });
  }, [view]);

  return { items, held, older, loading, error, loadOlder, setPinned };
}
