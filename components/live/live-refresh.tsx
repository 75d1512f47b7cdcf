"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useLiveChanges } from "@/components/live/use-live-changes";

const DEBOUNCE_MS = 100;

/**
 * Re-renders the current server page (router.refresh) when a change on one of `topics` arrives
 * ("incident:<id>", or "incidents" for any incident). A burst of changes makes one refresh.
 */
export function LiveRefresh({ topics }: { topics: string[] }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveChanges(topics, () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), DEBOUNCE_MS);
  });
  return null;
}
