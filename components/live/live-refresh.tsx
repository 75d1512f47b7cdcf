"use client";
import { useRouter } from "next/navigation";
import { usePacedLiveChanges } from "@/components/live/use-paced-live";

/**
 * Re-renders the current server page (router.refresh) when a change on one of `topics` arrives
 * ("incident:<id>", or "incidents" for any incident), paced (lib/live/pacer.ts): a burst of
 * changes makes one refresh, and a storm of them at most one a second or so per screen.
 * `since`: the audit seq read before the page's data (getLatestAuditSeq), so a change made while
 * the page was on its way to the browser still refreshes it. `ignoreVerbs`: changes a part of the
 * page fetches by itself (the incident timeline's new notes), which need no refresh.
 */
export function LiveRefresh({ topics, since, ignoreVerbs }: { topics: string[]; since?: string; ignoreVerbs?: string[] }) {
  const router = useRouter();
  usePacedLiveChanges(topics, () => router.refresh(), {
    since,
    accept: (signal) => signal === "reset" || !ignoreVerbs?.includes(signal.verb),
  });
  return null;
}
