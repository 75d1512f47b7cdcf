"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useLiveChanges } from "@/components/live/use-live-changes";

const DEBOUNCE_MS = 100;

/**
 * Re-renders the current server page (router.refresh) when a change on one of `topics` arrives
 * ("incident:<id>", or "incidents" for any incident). A burst of changes makes one refresh.
 * `since`: the audit seq read before the page's data (getLatestAuditSeq), so a change made while
 * the page was on its way to the browser still refreshes it.
 */
export function LiveRefresh({ topics, since }: { topics: string[]; since?: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveChanges(topics, () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), DEBOUNCE_MS);
  }, since);
  return null;
}
