"use client";
import { useSyncExternalStore } from "react";

// One shared 1-second tick for every clock on the screen: they re-render together, once a
// second, without refetching anything. Null until hydrated (the server does not know "now").
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(cb: () => void) {
  listeners.add(cb);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1_000);
  }
  return () => {
    listeners.delete(cb);
    if (!listeners.size) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in ms, corrected by `skewMs` (server clock − this screen's clock). */
export function useClock(skewMs = 0): number | null {
  const t = useSyncExternalStore(subscribe, () => now, () => null);
  return t === null ? null : t + skewMs;
}

/** "3:07", "1:02:09": a stopwatch, readable across a room. */
export function formatClock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  if (h >= 48) return `${Math.floor(h / 24)}d ${h % 24}h`;
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
