// The live side of bench:war-day: SSE streams on /api/live (as the browser's one EventSource
// per tab), and a tail of the audit log that stamps when each entry became visible, i.e. its
// commit (give or take the tail's period). Propagation = arrival on a stream − that stamp.
import http from "node:http";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseFrame(raw) {
  const frame = {};
  for (const line of raw.split("\n")) {
    const cut = line.indexOf(":");
    if (cut > 0) frame[line.slice(0, cut)] = line.slice(cut + 1).trim();
  }
  return frame;
}

/**
 * One stream. received: seq → arrival (performance.now()). onChange(change) for each change
 * frame (the paired viewer reacts to it). An unexpected end while open is an error.
 */
export function openStream(base, cookie, rec, onChange = () => {}) {
  const stream = { received: new Map(), closing: false, ready: null, close: () => {} };
  stream.ready = new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/live`, { headers: { cookie, accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        let body = "";
        res.on("data", (c) => { body += c; });
        res.on("end", () => { rec.error("GET /api/live (stream)", res.statusCode, body); reject(new Error(`/api/live answered ${res.statusCode}: ${body}`)); });
        return;
      }
      res.setEncoding("utf8");
      let buf = "";
      res.on("data", (chunk) => {
        const at = performance.now();
        buf += chunk;
        for (let cut = buf.indexOf("\n\n"); cut >= 0; cut = buf.indexOf("\n\n")) {
          const frame = parseFrame(buf.slice(0, cut));
          buf = buf.slice(cut + 2);
          if (frame.event === "ready") resolve();
          if (frame.event === "reset") rec.error("GET /api/live (stream)", 200, "reset frame: the stream fell too far behind");
          if (frame.event !== "change") continue;
          stream.received.set(Number(frame.id), at);
          try { onChange(JSON.parse(frame.data)); } catch {}
        }
      });
      res.on("close", () => { if (!stream.closing) rec.error("GET /api/live (stream)", 0, "the stream ended during the run"); });
    });
    req.on("error", (e) => { if (!stream.closing) { rec.error("GET /api/live (stream)", 0, String(e)); reject(e); } });
    stream.close = () => { stream.closing = true; req.destroy(); };
  });
  return stream;
}

/**
 * Polls the audit log every `periodMs` from its own connection: seen maps seq → { at, actorId, verb }.
 * The cursor moves only over a gap-free run of seqs, so an entry committed late is still seen.
 */
export function tailCommits(client, { periodMs = 25 } = {}) {
  const seen = new Map();
  let cursor = 0n;
  let running = true;
  const loop = (async () => {
    const { rows } = await client.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM "AuditEntry"`);
    cursor = BigInt(rows[0].seq);
    while (running) {
      const res = await client.query(`SELECT seq::text, "actorId", verb FROM "AuditEntry" WHERE seq > $1 ORDER BY seq LIMIT 2000`, [cursor.toString()]);
      const at = performance.now();
      for (const r of res.rows) if (!seen.has(Number(r.seq))) seen.set(Number(r.seq), { at, actorId: r.actorId, verb: r.verb });
      while (seen.has(Number(cursor + 1n))) cursor++;
      await sleep(periodMs);
    }
  })();
  return { seen, stop: async () => { running = false; await loop; } };
}

/** Propagation samples (ms): for every entry seen by the tail and `filter`, each stream's arrival − its commit. */
export function propagation(tail, streams, filter = () => true) {
  const out = [];
  let missing = 0;
  for (const [seq, entry] of tail.seen) {
    if (!filter(entry)) continue;
    const arrivals = streams.map((s) => s.received.get(seq)).filter((t) => t !== undefined);
    // Entries without topics never reach a stream: only those that reached at least one count.
    if (!arrivals.length) continue;
    missing += streams.length - arrivals.length;
    for (const t of arrivals) out.push(Math.max(0, t - entry.at));
  }
  return { samples: out, missing };
}
