// Loopback HTTP targets for the poller benchmark, each on its own port. The servers run in a
// forked copy of this file so their CPU time is not counted against the bench process, which
// measures Sitrep's poller. The child exits when the IPC channel closes, so a killed bench
// never leaves it behind.
import http from "node:http";
import net from "node:net";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const HOST = "127.0.0.1";

/**
 * Which targets are slow or refused: spread evenly and the same on every run, so two runs (and
 * Sitrep and Prometheus within a run) face the same mix. Slow ones sit mid-period, refused ones
 * at period ends, so the two rarely want the same index; when they do, refused moves on one.
 * @returns {("ok" | "slow" | "refused")[]}
 */
export function planKinds(count, slowFraction, refusedFraction) {
  const kinds = [];
  let slow = 0;
  let refused = 0;
  for (let i = 1; i <= count; i++) {
    if (Math.round(i * slowFraction) > slow) { kinds.push("slow"); slow++; }
    else if (Math.floor(i * refusedFraction + 1e-9) > refused) { kinds.push("refused"); refused++; }
    else kinds.push("ok");
  }
  return kinds;
}

function histogram(name, help, labelSets, bounds) {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
  labelSets.forEach((labels, n) => {
    let count = 0;
    for (const le of [...bounds, "+Inf"]) {
      count += le === "+Inf" ? 0 : Math.round(40 / (bounds.indexOf(le) + 1)) * (n + 1);
      lines.push(`${name}_bucket{${labels},le="${le}"} ${count}`);
    }
    lines.push(`${name}_sum{${labels}} ${(count * 0.042).toFixed(3)}`, `${name}_count{${labels}} ${count}`);
  });
  return lines;
}

/** About 100 series shaped like a Node service's prom-client output: defaults, HTTP, domain gauges. */
export function metricsBody() {
  const routes = ["/health", "/api/jobs", "/api/outbox"];
  const lines = [
    "# HELP process_cpu_user_seconds_total Total user CPU time spent in seconds.", "# TYPE process_cpu_user_seconds_total counter", "process_cpu_user_seconds_total 12.345",
    "# HELP process_cpu_system_seconds_total Total system CPU time spent in seconds.", "# TYPE process_cpu_system_seconds_total counter", "process_cpu_system_seconds_total 3.21",
    "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.", "# TYPE process_start_time_seconds gauge", "process_start_time_seconds 1764000000",
    "# HELP process_resident_memory_bytes Resident memory size in bytes.", "# TYPE process_resident_memory_bytes gauge", "process_resident_memory_bytes 98304000",
    "# HELP process_open_fds Number of open file descriptors.", "# TYPE process_open_fds gauge", "process_open_fds 31",
    "# HELP process_max_fds Maximum number of open file descriptors.", "# TYPE process_max_fds gauge", "process_max_fds 20000",
    "# HELP nodejs_eventloop_lag_seconds Lag of event loop in seconds.", "# TYPE nodejs_eventloop_lag_seconds gauge", "nodejs_eventloop_lag_seconds 0.0021",
    ...["p50", "p90", "p99"].flatMap((p, i) => [`# TYPE nodejs_eventloop_lag_${p}_seconds gauge`, `nodejs_eventloop_lag_${p}_seconds 0.01${i}`]),
    "# HELP nodejs_active_handles Number of active libuv handles grouped by handle type.", "# TYPE nodejs_active_handles gauge",
    ...["Socket", "Server", "Timer", "Pipe"].map((t, i) => `nodejs_active_handles{type="${t}"} ${i + 2}`),
    "# HELP nodejs_version_info Node.js version info.", "# TYPE nodejs_version_info gauge", 'nodejs_version_info{version="v20.20.2",major="20",minor="20",patch="2"} 1',
    "# HELP nodejs_heap_space_size_used_bytes Process heap space size used from Node.js in bytes.", "# TYPE nodejs_heap_space_size_used_bytes gauge",
    ...["read_only", "new", "old", "code", "large_object"].map((s, i) => `nodejs_heap_space_size_used_bytes{space="${s}"} ${(i + 1) * 1048576}`),
    ...histogram("nodejs_gc_duration_seconds", "Garbage collection duration by kind.", ['kind="minor"', 'kind="major"', 'kind="incremental"'], ["0.001", "0.01", "0.1", "1", "2", "5"]),
    ...histogram("http_request_duration_seconds", "Duration of HTTP requests in seconds.", routes.map((r) => `method="GET",route="${r}"`),
      ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5"]),
    "# HELP http_requests_total Total HTTP requests.", "# TYPE http_requests_total counter",
    ...routes.flatMap((r, i) => [`http_requests_total{route="${r}",code="200"} ${1000 * (i + 1)}`, `http_requests_total{route="${r}",code="500"} ${i}`]),
    "# HELP circuit_breaker_open Whether the provider's circuit breaker is open.", "# TYPE circuit_breaker_open gauge",
    ...["twilio", "sendgrid", "stripe", "slack"].map((p) => `circuit_breaker_open{provider="${p}"} 0`),
    "# HELP outbox_pending Messages waiting in the outbox.", "# TYPE outbox_pending gauge", "outbox_pending 3",
    "# HELP job_leases_active Job leases currently held.", "# TYPE job_leases_active gauge", "job_leases_active 7",
  ];
  return `${lines.join("\n")}\n`;
}

function handler(kind, slowMs, body) {
  let requests = 0;
  return (req, res) => {
    requests++;
    const answer = () => {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/health") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "ok", checks: { database: "ok", queue: "ok" }, requests }));
      } else if (path === "/metrics") {
        res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
        // The one moving counter makes rate() over these targets non-zero
        res.end(`${body}# HELP bench_target_requests_total Requests this target answered.\n# TYPE bench_target_requests_total counter\nbench_target_requests_total ${requests}\n`);
      } else {
        res.writeHead(404).end();
      }
    };
    if (kind !== "slow") return answer();
    const timer = setTimeout(answer, slowMs);
    res.on("close", () => clearTimeout(timer));
  };
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once("error", reject).listen(0, HOST, () => resolve(/** @type {net.AddressInfo} */ (server.address()).port));
  });
}

/** Child side: opens the servers, then reports their ports in plan order. */
async function serve({ count, slowFraction, refusedFraction, slowMs, body }) {
  const kinds = planKinds(count, slowFraction, refusedFraction);
  const text = body ?? metricsBody();
  const ports = [];
  for (const kind of kinds) {
    if (kind === "refused") { ports.push(0); continue; }
    const server = http.createServer(handler(kind, slowMs, text));
    // Longer than any scrape interval: an idle keep-alive connection closed by us just as the
    // scraper reuses it would count as a failed check that has nothing to do with the target
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 121_000;
    ports.push(await listen(server));
  }
  // Refused ports: listen and close, all held open until every one is picked so none repeats
  const probes = kinds.map((k) => (k === "refused" ? net.createServer() : null));
  for (const [i, probe] of probes.entries()) if (probe) ports[i] = await listen(probe);
  await Promise.all(probes.map((p) => p && new Promise((r) => p.close(r))));
  process.send?.({ ports, kinds });
}

if (process.argv[2] === "--serve-targets" && process.send) {
  process.on("disconnect", () => process.exit(0));
  process.once("message", (opts) => serve(opts).catch((e) => { console.error(`[poller-targets] ${e?.stack ?? e}`); process.exit(1); }));
}

/**
 * Starts `count` loopback targets (answers to /health and /metrics) in a child process.
 * @param {{ count?: number, slowFraction?: number, refusedFraction?: number, slowMs?: number, body?: string }} [opts]
 * @returns {Promise<{ targets: { url: string, metricsUrl: string, healthUrl: string, host: string, port: number, kind: "ok" | "slow" | "refused" }[], pid: number, close(): Promise<void> }>}
 */
export async function startTargets({ count = 500, slowFraction = 0.1, refusedFraction = 0.05, slowMs = 6000, body } = {}) {
  const child = fork(SELF, ["--serve-targets"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise((r) => child.once("exit", r));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  child.send({ count, slowFraction, refusedFraction, slowMs, body });
  /** @type {{ ports: number[], kinds: ("ok" | "slow" | "refused")[] }} */
  const reply = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    exited.then((code) => reject(new Error(`poller targets exited with ${code} before listening`)));
  });
  const targets = reply.ports.map((port, i) => {
    const url = `http://${HOST}:${port}`;
    return { url, metricsUrl: `${url}/metrics`, healthUrl: `${url}/health`, host: HOST, port, kind: reply.kinds[i] };
  });
  return { targets, pid: /** @type {number} */ (child.pid), close };
}
