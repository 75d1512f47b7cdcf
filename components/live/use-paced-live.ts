"use client";
import { useEffect, useRef } from "react";
import { createPacer, type Pacer } from "@/lib/live/pacer";
import { useLiveChanges, type LiveSignal } from "@/components/live/use-live-changes";

/**
 * Runs `refetch` when a change on one of `topics` arrives, paced (lib/live/pacer.ts): a burst
 * makes one refetch, and under a storm of changes each screen refetches at most once per gap,
 * backing off when the server is slow. `refetch` may return a promise: the gap counts from its
 * end. `accept` filters signals (return false to ignore one).
 */
export function usePacedLiveChanges(
  topics: string[],
  refetch: () => Promise<unknown> | void,
  { since, accept }: { since?: string; accept?: (s: LiveSignal) => boolean } = {},
) {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const pacer = useRef<Pacer | null>(null);
  useEffect(() => {
    const p = createPacer(() => latest.current());
    pacer.current = p;
    return () => p.dispose();
  }, []);
  useLiveChanges(topics, (signal) => {
    if (accept && !accept(signal)) return;
    pacer.current?.trigger();
  }, since);
}
