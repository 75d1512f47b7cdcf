#!/usr/bin/env node
// Production server: Next.js behind a plain node:http server, so every response (pages, route
// handlers, static files) is counted in Prometheus metrics. A route handler cannot see the
// requests it does not handle; this wrapper sees them all. The app's GET /metrics route reads
// the registry from globalThis.__sitrepRegistry (same process, so the same global).
//
// Usage: node scripts/server.mjs   (after `next build`; PORT default 3000, HOSTNAME default 0.0.0.0)
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import client from "prom-client";
import { watchParentPipe } from "./lifeline.mjs";
import { isWorker, runPrimary, serveClusterMetrics, workerCount } from "./cluster.mjs";
import { allowedHosts, answersAnyHost, isAllowedHost, misdirectedMessage } from "./host-allowlist.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const log = (msg) => process.stderr.write(`[server] ${msg}\n`);

// Next's dev mode re-evaluates modules, and tests may import this twice: registering the same
// metric name twice throws, so the registry and its metrics are created once per process.
function metrics() {
  if (!globalThis.__sitrepRegistry) {
    const register = new client.Registry();
    client.collectDefaultMetrics({ register });
    globalThis.__sitrepRegistry = register;
  }
  const register = globalThis.__sitrepRegistry;
  const labelNames = ["method", "route", "status"];
  const requests = register.getSingleMetric("sitrep_http_requests_total") ?? new client.Counter({
    name: "sitrep_http_requests_total", help: "HTTP requests served, by method, route and status",
    labelNames, registers: [register],
  });
  const duration = register.getSingleMetric("sitrep_http_request_duration_seconds") ?? new client.Histogram({
    name: "sitrep_http_request_duration_seconds", help: "HTTP request duration in seconds",
    labelNames, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [register],
  });
  return { register, requests, duration };
}

// Each distinct label set is a time series kept forever: ids in paths (and scanners probing random
// URLs) would grow memory without bound, so ids collapse to :id and the route set is capped.
const isId = (s) =>
  /^\d+$/.test(s) ||
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ||
  // cuid: ~25 lowercase alnum starting with "c"; a cuid always has digits, which keeps long
  // words such as "configurations" as they are.
  (/^c[a-z0-9]{19,31}$/.test(s) && /\d/.test(s)) ||
  /^[0-9a-f]{16,}$/i.test(s); // hashes, long hex tokens
const MAX_ROUTES = 500;
const seenRoutes = new Set();
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function normalizeRoute(url = "/") {
  let p = url.split(/[?#]/, 1)[0] || "/";
  if (p.startsWith("/_next/static/")) return "/_next/static";
  p = p.split("/").map((seg) => {
    let s = seg;
    try { s = decodeURIComponent(seg); } catch {}
    return isId(s) ? ":id" : seg;
  }).join("/");
  if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (!seenRoutes.has(p)) {
    if (seenRoutes.size >= MAX_ROUTES) return "other";
    seenRoutes.add(p);
  }
  return p;
}

// Headers the app trusts must come from the socket, never from the client: lib/auth/client-ip.ts
// rate-limits sign-ins by x-sitrep-remote-addr, and Auth.js builds its callback URLs from
// x-forwarded-host/-proto (without them it would use the bind address, 0.0.0.0). Behind a proxy
// we control (SITREP_TRUST_PROXY=1) the proxy's forwarding headers are kept.
const REMOTE_ADDR = "x-sitrep-remote-addr";
const trustProxy = ["1", "true", "yes"].includes(process.env.SITREP_TRUST_PROXY ?? "");
function stampTrustedHeaders(req) {
  const stamped = { [REMOTE_ADDR]: req.socket.remoteAddress ?? "unknown" };
  // Host and proto separately: many proxies send only X-Forwarded-Proto, and dropping it would
  // issue the session cookie without Secure behind TLS.
  if (!trustProxy || !req.headers["x-forwarded-host"]) stamped["x-forwarded-host"] = req.headers.host ?? `localhost:${port}`;
  if (!trustProxy || !req.headers["x-forwarded-proto"]) stamped["x-forwarded-proto"] = req.socket.encrypted ? "https" : "http";
  const raw = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (!(req.rawHeaders[i].toLowerCase() in stamped)) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  for (const [name, value] of Object.entries(stamped)) {
    raw.push(name, value);
    req.headers[name] = value;
  }
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
}

// DNS rebinding: a request for a name we never published is answered 421, before Next sees it
// (scripts/host-allowlist.mjs). The host checked is the one Next and Auth.js will use.
function refuseForeignHost(req, res, allowed) {
  const host = String(req.headers["x-forwarded-host"] ?? "").split(",")[0].trim();
  if (isAllowedHost(host, allowed) || answersAnyHost(req.url)) return false;
  res.writeHead(421, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(misdirectedMessage(host, allowed));
  return true;
}

function instrument(handle, allowed) {
  const { requests, duration } = metrics();
  return (req, res) => {
    const start = process.hrtime.bigint();
    stampTrustedHeaders(req);
    res.on("finish", () => {
      const labels = {
        method: METHODS.has(req.method) ? req.method : "other",
        route: normalizeRoute(req.url),
        status: String(res.statusCode),
      };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
    if (refuseForeignHost(req, res, allowed)) return;
    Promise.resolve(handle(req, res)).catch((e) => {
      log(`unhandled error for ${req.method} ${req.url}: ${e?.stack ?? e}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}

async function main() {
  if (!fs.existsSync(path.join(root, process.env.SITREP_DIST_DIR || ".next", "BUILD_ID"))) {
    log("no production build in .next: run `npx next build` first (npm start does it for you)");
    process.exit(1);
  }
  let allowed;
  try {
    const env = process.env;
    allowed = allowedHosts({ port, listen: hostname, publicUrl: env.SITREP_PUBLIC_URL, authUrl: env.AUTH_URL, extra: env.SITREP_ALLOWED_HOSTS });
  } catch (e) {
    log(e.message);
    process.exit(1);
  }
  let workers;
  try {
    workers = isWorker() ? 1 : workerCount();
  } catch (e) {
    log(e.message);
    process.exit(1);
  }
  if (workers > 1) {
    const stopWorkers = runPrimary(workers, log);
    watchParentPipe(() => stopWorkers("parent closed stdin"));
    return;
  }
  if (isWorker()) serveClusterMetrics(metrics().register);
  const { default: next } = await import("next"); // lazily: tests import normalizeRoute alone
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const server = http.createServer(instrument(app.getRequestHandler(), allowed));

  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`${why}, shutting down`);
    // In-flight requests get up to 5 s; keep-alive sockets would otherwise hold close() open.
    // Then the app's own shutdown hooks (lib/startup.ts: runs cut off are marked interrupted
    // now, not at the next start); they share this process and the same 5 s.
    const hooks = () => Promise.allSettled((globalThis.sitrepShutdownHooks ?? []).map((hook) => hook()));
    setTimeout(() => { server.closeAllConnections(); process.exit(0); }, 5000).unref();
    server.close(() => void hooks().then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGHUP", () => stop("SIGHUP"));
  watchParentPipe(() => stop("parent closed stdin"));

  server.on("error", (e) => {
    log(e.code === "EADDRINUSE" ? `port ${port} is already in use (set PORT to change it)` : e.message);
    process.exit(1);
  });
  const who = isWorker() ? ` (worker ${process.env.SITREP_WORKER_ID}, pid ${process.pid})` : "";
  server.listen(port, hostname, () => console.log(`Sitrep listening on http://localhost:${port}${who}`));
}


// Importing this file (tests of normalizeRoute) must not start a server.
if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  main().catch((e) => {
    log(`failed to start: ${e?.stack ?? e}`);
    process.exit(1);
  });
}
