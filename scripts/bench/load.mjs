// A small closed-loop load generator: N clients on keep-alive connections, each sending its next
// request as soon as the previous response has been read in full. Latency is request sent → last
// byte received, as a browser waiting for the page would see it.
import http from "node:http";

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function once(agent, url, headers) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (c) => { bytes += c.length; });
      res.on("end", () => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, status: res.statusCode, bytes, location: res.headers.location }));
      res.on("error", () => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, status: 0, bytes }));
    });
    req.on("error", () => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, status: 0, bytes: 0 }));
  });
}

/** Hammers one URL for `durationMs` (after a short unrecorded warm-up) and summarizes. */
export async function measure(url, { cookie, concurrency = 20, durationMs = 10_000, warmupMs = 1_500 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = { cookie, accept: "text/html,application/json" };
  const latencies = [];
  const statuses = new Map();
  let bytes = 0, location;
  const warmEnd = Date.now() + warmupMs;
  const end = warmEnd + durationMs;
  const client = async () => {
    while (Date.now() < end) {
      const r = await once(agent, url, headers);
      if (Date.now() <= warmEnd) continue;
      latencies.push(r.ms);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      bytes += r.bytes;
      location ??= r.location;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (durationMs / 1000),
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
    statuses: Object.fromEntries(statuses), avgBytes: latencies.length ? bytes / latencies.length : 0, location,
  };
}
