"use client";
import { useSyncExternalStore } from "react";

// One shared ticking clock per interval, so a page of timestamps re-renders together, once.
type Clock = { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval> };
const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) clocks.set(intervalMs, (clock = { now: Date.now(), listeners: new Set() }));
  return clock;
}

const subscribers = new Map<number, (cb: () => void) => () => void>();
function subscribeTo(intervalMs: number) {
  let subscribe = subscribers.get(intervalMs);
  if (!subscribe) {
    subscribe = (cb) => {
      const clock = clockFor(intervalMs);
      clock.listeners.add(cb);
      if (!clock.timer) {
        clock.now = Date.now();
        clock.timer = setInterval(() => {
          clock.now = Date.now();
          clock.listeners.forEach((l) => l());
        }, intervalMs);
      }
      return () => {
        clock.listeners.delete(cb);
        if (!clock.listeners.size && clock.timer) {
          clearInterval(clock.timer);
          clock.timer = undefined;
        }
      };
    };
    subscribers.set(intervalMs, subscribe);
  }
  return subscribe;
}

/** The current time, ticking every `intervalMs`; null during server render and hydration. */
export function useNow(intervalMs = 30_000): number | null {
  return useSyncExternalStore(subscribeTo(intervalMs), () => clockFor(intervalMs).now, () => null);
}

const noop = () => () => {};
/** False during server render and hydration, true once React runs in the browser: for data-hydrated markers. */
export function useHydrated(): boolean {
  return useSyncExternalStore(noop, () => true, () => false);
}
