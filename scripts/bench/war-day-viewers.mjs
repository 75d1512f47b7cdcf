// The viewers of bench:war-day: each is a browser tab. It opens a page (full HTML), then does
// what the page's client code does while it stays open: react-query refetches on their timers,
// and refetches (or router.refresh, an RSC request) when a change on the page's topics arrives
// on its live stream, paced as lib/live/pacer.ts paces them (100 ms debounce; then no sooner
// than max(1 s, 2 × the last refetch's time, at most 10 s) after the last one ended). One request
// per query in flight. After BENCH_DWELL_SECONDS it moves on to the next page.
import http from "node:http";
import { request, timed } from "./war-day-record.mjs";

// lib/live/pacer.ts's PACE and gapAfter(), for browsers modelled in plain JavaScript.
const PACE = { debounceMs: 100, minGapMs: 1_000, maxGapMs: 10_000 };
const gapAfter = (ms) => Math.min(PACE.maxGapMs, Math.max(PACE.minGapMs, 2 * ms));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The pages a viewer cycles through, each with its queries: { label, path, rsc?, everyMs?, topics? }. */
export function viewerPages({ bigNumber, bigId }) {
  return [
    { name: "war room", label: "GET / (war room page)", path: "/", queries: [
      { label: "GET /api/war-room", path: "/api/war-room", everyMs: 30_000, topics: ["incidents"] },
      { label: "GET /api/services?failing=1", path: "/api/services?failing=1", everyMs: 30_000, topics: ["services"] },
    ] },
    { name: "incidents", label: "GET /incidents (page)", path: "/incidents", queries: [
      { label: "RSC /incidents (live refresh)", path: "/incidents", rsc: true, topics: ["incidents"] },
    ] },
    { name: "incident", label: `GET /incidents/${bigNumber} (5,000 events)`, path: `/incidents/${bigNumber}`, queries: [
      { label: `RSC /incidents/${bigNumber} (live refresh)`, path: `/incidents/${bigNumber}`, rsc: true, topics: [`incident:${bigId}`] },
      { label: "GET /api/action-runs?incident=…", path: `/api/action-runs?incident=${encodeURIComponent(bigId)}`, everyMs: 15_000 },
    ] },
    // The list polls for deltas after its cursor (every 5 s and on a change) and refreshes its
    // visible page once a minute; the cursor comes from the first answer.
    { name: "services", label: "GET /services (page)", path: "/services", queries: [
      { label: "GET /api/services?since=… (delta)", path: "/api/services?since=", cursor: true, everyMs: 5_000, topics: ["services", "incidents"] },
      { label: "GET /api/services?page=1 (visible page)", path: "/api/services?page=1", everyMs: 60_000 },
    ] },
  ];
}

/**
 * Next answers an RSC request without its cache-busting `_rsc` parameter (which the browser
 * computes from the router headers) with a redirect to the URL that has it: asked once per
 * path, unrecorded, as the browser never pays for it.
 */
async function rscPath(ctx, path, headers) {
  if (!ctx.rscPaths.has(path)) {
    const r = await request(ctx.agent, ctx.base + path, { headers });
    const to = r.status >= 300 && r.status < 400 ? /^→ (\S+)/.exec(r.text)?.[1] : null;
    ctx.rscPaths.set(path, to ? new URL(to, ctx.base).pathname + new URL(to, ctx.base).search : path);
  }
  return ctx.rscPaths.get(path);
}

function startQuery(ctx, q) {
  const state = { inFlight: false, pending: false, timer: null, interval: null, stopped: false, notBefore: 0, cursor: "0" };
  const headers = q.rsc ? { cookie: ctx.cookie, RSC: "1", accept: "text/x-component" } : { cookie: ctx.cookie, accept: "application/json" };
  const fetchNow = async () => {
    if (state.stopped) return;
    if (state.inFlight) { state.pending = true; return; }
    state.inFlight = true;
    state.pending = false;
    const started = Date.now();
    const path = q.rsc ? await rscPath(ctx, q.path, headers) : q.cursor ? q.path + state.cursor : q.path;
    const pending = timed(ctx.rec, q.label, ctx.agent, ctx.base + path, { headers, keepText: Boolean(q.cursor) });
    ctx.pending.add(pending);
    const result = await pending;
    ctx.pending.delete(pending);
    if (q.cursor) {
      try { state.cursor = JSON.parse(result?.text ?? "").cursor ?? state.cursor; } catch {}
    }
    state.inFlight = false;
    state.notBefore = Date.now() + gapAfter(Date.now() - started);
    if (state.pending) schedule();
  };
  const schedule = () => {
    if (state.timer || state.inFlight || state.stopped) return;
    state.timer = setTimeout(() => { state.timer = null; void fetchNow(); }, Math.max(PACE.debounceMs, state.notBefore - Date.now()));
  };
  if (q.everyMs) state.interval = setInterval(fetchNow, q.everyMs);
  if (q.cursor) void fetchNow();
  return {
    onChange(change) {
      if (!q.topics?.some((t) => change.topics.includes(t))) return;
      state.pending = true;
      schedule();
    },
    stop() { state.stopped = true; clearTimeout(state.timer); clearInterval(state.interval); },
  };
}

/** Runs one viewer until `endAt`; attach it to its stream with stream's onChange → viewer.onChange. */
export function createViewer({ base, cookie, rec, pages, first, dwellMs, delayMs = 0 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 }); // a browser's per-host limit
  const ctx = { base, cookie, rec, agent, pending: new Set(), rscPaths: new Map() };
  let queries = [];
  const viewer = {
    onChange(change) { for (const q of queries) q.onChange(change); },
    async run(endAt) {
      await sleep(delayMs); // tabs open one after another, not all in the same millisecond
      for (let i = first; Date.now() < endAt; i++) {
        const page = pages[i % pages.length];
        await timed(rec, page.label, agent, base + page.path, { headers: { cookie, accept: "text/html" } });
        queries = page.queries.map((q) => startQuery(ctx, q));
        await sleep(Math.max(0, Math.min(dwellMs, endAt - Date.now())));
        queries.forEach((q) => q.stop());
        queries = [];
      }
      // Let requests in flight finish: cutting them off would count as errors.
      await Promise.all([...ctx.pending]);
      agent.destroy();
    },
  };
  return viewer;
}
