"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useLiveChanges } from "@/components/live/use-live-changes";

const DEBOUNCE_MS = 100;

/**
 * Re-renders the current server page (router.refresh) when a change on one of `topics` arrives
 * ("incident:<id>", or "incidents" for any incident). A burst of changes makes one refresh.
 * `since`: the audit seq read before the page's data (getLatestAuditSeq), so a change made while
 * the page was on its way to the browser still refreshes it. `ignoreVerbs`: changes a part of the
 * page fetches by itself (the incident timeline's new notes), which need no refresh.
 */
export function LiveRefresh({ topics, since, ignoreVerbs }: { topics: string[]; since?: string; ignoreVerbs?: string[] }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveChanges(topics, (signal) => {
    if (signal !== "reset" && ignoreVerbs?.includes(signal.verb)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), DEBOUNCE_MS);
  }, since);
  return null;
}
