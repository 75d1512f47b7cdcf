// What bench:war-day measures, in one place: latency samples per endpoint (label), the errors
// (first few kept with status and body), and plain HTTP requests on keep-alive agents that
// record themselves. Latency = request sent → last byte read, as a browser waits for it.
import http from "node:http";
import { percentile } from "./load.mjs";

const KEEP_ERRORS = 12;

export function createRecorder() {
  const samples = new Map();
  const errors = { count: 0, first: [], byLabel: new Map() };
  let recording = false;
  return {
    /** Requests started before start() (warm-up, set-up) are not sampled; errors always count. */
    start() { recording = true; },
    stop() { recording = false; },
    get recording() { return recording; },
    sample(label, ms, bytes = 0) {
      const s = samples.get(label) ?? { ms: [], bytes: 0 };
      s.ms.push(ms);
      s.bytes += bytes;
      samples.set(label, s);
    },
    error(label, status, body) {
      errors.count++;
      errors.byLabel.set(label, (errors.byLabel.get(label) ?? 0) + 1);
      // A few of each kind, so one noisy endpoint does not hide the others.
      const ofLabel = errors.first.filter((e) => e.label === label).length;
      if (errors.first.length < KEEP_ERRORS && ofLabel < 3) errors.first.push({ label, status, body: String(body ?? "").replace(/\s+/g, " ").slice(0, 300) });
    },
    samples,
    errors,
  };
}

export function stats(list) {
  const s = [...list].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}

/**
 * One request; resolves { ms, status, text } (text kept only when asked, or on an error status).
 * A reused keep-alive connection the server had just closed is retried once on a new one, as
 * browsers do; the time lost counts.
 */
export async function request(agent, url, opts = {}) {
  const start = process.hrtime.bigint();
  let r = await attempt(agent, url, opts);
  if (r.stale) r = await attempt(agent, url, opts);
  return { ...r, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function attempt(agent, url, { method = "GET", headers = {}, body, keepText = false }) {
  return new Promise((resolve) => {
    const sendHeaders = body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) };
    const req = http.request(url, { agent, method, headers: sendHeaders }, (res) => {
      const chunks = [];
      let bytes = 0;
      const keep = keepText || res.statusCode >= 300;
      res.on("data", (c) => { bytes += c.length; if (keep) chunks.push(c); });
      const moved = res.headers.location ? `→ ${res.headers.location} ` : "";
      res.on("end", () => resolve({ status: res.statusCode, bytes, text: moved + Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (e) => resolve({ status: 0, bytes, text: String(e) }));
    });
    req.on("error", (e) => resolve({ status: 0, bytes: 0, text: String(e), stale: req.reusedSocket && e.code === "ECONNRESET" }));
    req.end(body);
  });
}

/** A request that records its latency under `label`, and an error unless it answered 200. */
export async function timed(rec, label, agent, url, opts) {
  const counted = rec.recording;
  const r = await request(agent, url, opts);
  if (r.status !== 200) rec.error(label, r.status, r.text);
  else if (counted) rec.sample(label, r.ms, r.bytes);
  return r;
}
