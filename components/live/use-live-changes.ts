"use client";
import { useEffect, useEffectEvent, useSyncExternalStore } from "react";
import type { LiveChange } from "@/lib/live/topics";

// ONE EventSource per browser tab, shared by every component that listens: /api/live sends each
// change once, and each listener picks the topics it cares about. The stream opens with the
// first listener and closes a little after the last one leaves (a page change re-subscribes).

export type LiveStatus = "connecting" | "live" | "reconnecting";
/** A change on one of your topics, or "reset": too much was missed, refetch everything. */
export type LiveSignal = LiveChange | "reset";
type Listener = { topics: Set<string>; fn: (s: LiveSignal) => void; since?: string };

const listeners = new Set<Listener>();
const statusListeners = new Set<() => void>();
let source: EventSource | null = null;
let status: LiveStatus = "connecting";
let lastSeq: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

function setStatus(next: LiveStatus) {
  if (status === next) return;
  status = next;
  statusListeners.forEach((l) => l());
}

function emit(signal: LiveSignal) {
  for (const l of listeners) {
    if (signal === "reset" || signal.topics.some((t) => l.topics.has(t))) l.fn(signal);
  }
}

function connect() {
  clearTimeout(retryTimer);
  // A fresh EventSource sends no Last-Event-ID: ?since= carries it.
  const es = new EventSource(lastSeq ? `/api/live?since=${lastSeq}` : "/api/live");
  source = es;
  es.addEventListener("ready", (e) => {
    lastSeq = (e as MessageEvent).lastEventId || lastSeq;
    failures = 0;
    setStatus("live");
  });
  es.addEventListener("change", (e) => {
    const m = e as MessageEvent<string>;
    lastSeq = m.lastEventId || lastSeq;
    emit(JSON.parse(m.data) as LiveChange);
  });
  es.addEventListener("reset", () => emit("reset"));
  es.onerror = () => {
    if (source !== es) return;
    setStatus("reconnecting");
    // CONNECTING: the browser retries by itself (retry: 2000). CLOSED: it gave up (401, 503, a
    // proxy error page): try again ourselves, backing off to 30 s.
    if (es.readyState === EventSource.CLOSED) {
      source = null;
      failures++;
      retryTimer = setTimeout(() => listeners.size && connect(), Math.min(30_000, 2_000 * 2 ** Math.min(failures - 1, 4)));
    }
  };
}

function disconnect() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setStatus("connecting");
}

/**
 * `since`: the audit seq the listener's data was read at (its server render). A change that
 * committed between that render and this subscription is replayed by a first connection, and
 * an already open stream that has moved past it tells this listener to refetch.
 */
let connectQueued = false;

/** The oldest `since` among the listeners, so no listener misses what came after its render. */
function oldestSince(): string | null {
  let oldest: bigint | null = null;
  for (const l of listeners) if (l.since && (oldest === null || BigInt(l.since) < oldest)) oldest = BigInt(l.since);
  return oldest === null ? null : String(oldest);
}

function addListener(l: Listener) {
  listeners.add(l);
  clearTimeout(closeTimer);
  if (!source) {
    // A page's effects run child first: wait for the whole commit's listeners, then connect
    // from the oldest render seq among them (a child without one must not start from "now").
    if (!connectQueued) queueConnect();
  } else if (l.since && lastSeq && status === "live" && BigInt(l.since) < BigInt(lastSeq)) {
    l.fn("reset");
  }
  return () => {
    listeners.delete(l);
    if (!listeners.size) closeTimer = setTimeout(() => !listeners.size && disconnect(), 5_000);
  };
}

function queueConnect() {
  connectQueued = true;
  queueMicrotask(() => {
    connectQueued = false;
    if (source || !listeners.size) return;
    if (!lastSeq) lastSeq = oldestSince();
    connect();
  });
}

/**
 * Calls `onSignal` for each live change on one of `topics` (and on "reset"). `since` is the
 * audit seq the caller's data is current to (see getLatestAuditSeq): nothing between it and the
 * stream's start is lost.
 */
export function useLiveChanges(topics: string[], onSignal: (s: LiveSignal) => void, since?: string) {
  const handle = useEffectEvent(onSignal);
  const key = [...topics].sort().join("\n");
  // since only matters when subscribing: a later render's value must not resubscribe.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => addListener({ topics: new Set(key.split("\n")), fn: (s) => handle(s), since }), [key]);
}

const subscribeStatus = (cb: () => void) => {
  statusListeners.add(cb);
  return () => statusListeners.delete(cb);
};

/** Whether this tab's live stream is up. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribeStatus, () => status, () => "connecting");
}
