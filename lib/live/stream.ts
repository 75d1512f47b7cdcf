import "server-only";
import type { Subscriber } from "@/lib/live/hub";
import { getLiveHub } from "@/lib/live/instance";
import { getLatestAuditSeq, listAuditChangesBetween } from "@/lib/live/queries";
import { topicsFor, type LiveChange } from "@/lib/live/topics";

/** A reconnecting browser gets at most this many missed audit entries replayed; beyond, a reset. */
export const REPLAY_MAX = 500;
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;
/** A browser that stops reading gets closed (it reconnects and catches up) rather than buffered forever. */
const MAX_QUEUED_CHUNKS = 1_000;

/**
 * Streams end after this long and the browser reconnects at once with its cookie: the session
 * cookie's own expiry is then checked again, as on any request.
 */
const MAX_STREAM_MS = 30 * 60_000;

export type LiveViewer = { userId: string; sessionVersion: number };

const encoder = new TextEncoder();
const changeFrame = (c: LiveChange) => `id: ${c.seq}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`;

/** "123" from the Last-Event-ID header (EventSource's own reconnect) or ?since= (a fresh EventSource). */
export function parseLastEventId(request: Request): bigint | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("since");
  return raw && /^\d{1,18}$/.test(raw.trim()) ? BigInt(raw.trim()) : null;
}

/**
 * What a (re)connecting browser must hear before live changes: the changes it missed, or a
 * reset when they are too many (or its id is from another database), then "ready" with the id
 * it is now up to date with.
 */
export async function catchUp(last: bigint | null, cursor: bigint, max = REPLAY_MAX): Promise<{ frames: string[]; upTo: bigint }> {
  if (last === null) return { frames: [], upTo: cursor };
  if (last > cursor) {
    // Another instance's poller may simply be ahead of ours; an id past the head is bogus.
    if (last <= (await getLatestAuditSeq())) return { frames: [], upTo: last };
    return { frames: ["event: reset\ndata: {}\n\n"], upTo: cursor };
  }
  // seq is gap-free, so the distance is the exact number of entries missed.
  if (cursor - last > BigInt(max)) return { frames: ["event: reset\ndata: {}\n\n"], upTo: cursor };
  const rows = await listAuditChangesBetween(last, cursor);
  const frames = rows.flatMap((r) => {
    const topics = topicsFor(r);
    return topics.length ? [changeFrame({ seq: Number(r.seq), topics, verb: r.verb })] : [];
  });
  return { frames, upTo: cursor };
}

/** The text/event-stream response for one signed-in viewer; null when this instance is full. */
export function openLiveStream(request: Request, viewer: LiveViewer): Response | null {
  const hub = getLiveHub();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  let buffered: LiveChange[] | null = []; // live changes held back until the catch-up is sent
  let sent = -1n;

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe();
    try { controller?.close(); } catch { /* already closed or errored */ }
  };
  const write = (text: string) => {
    if (closed || !controller) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) return close();
    try { controller.enqueue(encoder.encode(text)); } catch { close(); }
  };
  const deliver = (c: LiveChange) => {
    if (BigInt(c.seq) <= sent) return;
    sent = BigInt(c.seq);
    write(changeFrame(c));
  };

  const subscriber: Subscriber = {
    ...viewer,
    onChange: (c) => (buffered ? buffered.push(c) : deliver(c)),
    onClose: (reason) => {
      write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
      close();
    },
  };
  const subscription = hub.subscribe(subscriber);
  if (!subscription) return null;
  unsubscribe = subscription.unsubscribe;

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(`retry: ${RETRY_MS}\n\n`);
      heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
      lifetime = setTimeout(close, MAX_STREAM_MS);
      void (async () => {
        try {
          const { frames, upTo } = await catchUp(parseLastEventId(request), await subscription.ready);
          for (const f of frames) write(f);
          sent = upTo;
          write(`id: ${upTo}\nevent: ready\ndata: {}\n\n`);
          const held = buffered ?? [];
          buffered = null;
          held.forEach(deliver);
        } catch (error) {
          console.error("[live] catch-up failed; closing the stream (the browser reconnects)", error);
          close();
        }
      })();
    },
    cancel: close,
  });
  if (request.signal.aborted) close();
  else request.signal.addEventListener("abort", close, { once: true });

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression would buffer the stream
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
