// The demo fleet: one process that simulates the five seed systems (and the NATS, Postgres and
// Redis they depend on), each under its own path prefix, with health, Prometheus metrics, fault
// injection and bearer-protected admin actions. `node demo/fleet.mjs [--port N] [--lifeline]`.
import http from "node:http";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { HttpError, readJson, requireBearer, sendJson, validateParams } from "./lib/http.mjs";
import { describeFaults, describeService } from "./lib/service.mjs";
import { createRng } from "./lib/sim.mjs";
import { createServices } from "./services/index.mjs";

export const DEFAULT_TOKEN = "sitrep-demo-fleet-token";
const stderrLog = (line) => process.stderr.write(`[fleet] ${line}\n`);

/**
 * Starts the fleet in this process. Port 0 picks a free port. Resolves with its base URL and a
 * close() that stops the server and the traffic simulation.
 * @param {{ port?: number, host?: string, token?: string, tickMs?: number, seed?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, token: string, close: () => Promise<void> }>}
 */
export async function startFleet({ port = 4700, host = "127.0.0.1", token, tickMs = 1000, seed = 0x5eed, log = stderrLog } = {}) {
  if (!token) {
    token = DEFAULT_TOKEN;
    log(`warning: SITREP_FLEET_TOKEN is not set; admin and fault endpoints accept the public demo token "${DEFAULT_TOKEN}"`);
  }
  if (!Number.isFinite(tickMs) || tickMs < 10) throw new Error(`tickMs must be a number of milliseconds of at least 10 (got ${tickMs})`);
  const { services, tickOrder } = createServices({ rng: createRng(seed) });
  const bySlug = new Map(services.map((s) => [s.slug, s]));

  const tickAll = () => {
    const now = Date.now();
    for (const s of tickOrder) {
      try {
        s.tick(tickMs / 1000, now);
      } catch (e) {
        log(`${s.slug}: tick failed: ${e.stack ?? e}`);
      }
    }
  };
  tickAll();
  const timer = setInterval(tickAll, tickMs);
  timer.unref();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) log(`${req.method} ${req.url}: ${e.stack ?? e}`);
      if (!res.headersSent) sendJson(res, status, { error: status === 500 ? "internal error in the demo fleet" : e.message });
      else res.end();
    });
  });

  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? "/", "http://fleet.invalid");
    const head = req.method === "HEAD";
    const method = head ? "GET" : req.method;
    const base = `http://${req.headers.host ?? address()}`;
    const only = (...allowed) => {
      if (!allowed.includes(method)) {
        res.setHeader("allow", allowed.join(", "));
        throw new HttpError(405, `${req.method} is not allowed here; use ${allowed.join(" or ")}`);
      }
    };
    if (pathname === "/") {
      only("GET");
      return sendJson(res, 200, index(base), head);
    }
    if (pathname === "/reset") {
      only("POST");
      requireBearer(req, token);
      return sendJson(res, 200, resetAll());
    }
    const [, slug, ...rest] = pathname.split("/");
    const s = bySlug.get(slug);
    if (!s) throw new HttpError(404, `no service "${slug}" in the fleet; GET / lists them`);
    const sub = `/${rest.join("/")}`;
    if (sub === s.healthPath) {
      only("GET");
      const { status, body } = s.health();
      return sendJson(res, status, body, head);
    }
    if (sub === "/metrics") {
      only("GET");
      if (!s.metricsUp()) return sendJson(res, 503, { error: `${s.name} is down: nothing is serving /metrics` }, head);
      const text = await s.registry.metrics();
      res.writeHead(200, { "content-type": s.registry.contentType, "cache-control": "no-store" });
      return res.end(head ? undefined : text);
    }
    if (sub === "/faults") {
      only("GET");
      return sendJson(res, 200, { service: s.slug, active: s.faults.names().filter((n) => s.faults.on(n)), faults: describeFaults(s, base) }, head);
    }
    if (rest[0] === "faults" && rest.length === 2 && s.faults.defs[rest[1]]) return fault(req, res, s, rest[1], only, base);
    if (rest[0] === "admin" && rest.length === 2 && Object.hasOwn(s.admin, rest[1])) {
      only("POST");
      requireBearer(req, token);
      const action = s.admin[rest[1]];
      const params = validateParams(await readJson(req), action.params);
      const result = await action.run(params);
      log(`${s.slug}: admin ${rest[1]} ${JSON.stringify(params)}`);
      return sendJson(res, 200, { ok: true, service: s.slug, action: rest[1], params, ...result });
    }
    if (Object.hasOwn(s.routes, sub)) {
      only("GET");
      return sendJson(res, 200, s.routes[sub](), head);
    }
    throw new HttpError(404, `no ${sub} on ${s.slug}; GET / lists its health, metrics, faults and admin actions`);
  }

  async function fault(req, res, s, name, only, base) {
    only("POST", "DELETE");
    requireBearer(req, token);
    const body = await readJson(req);
    if (req.method === "DELETE") {
      const was = s.faults.clear(name);
      log(`${s.slug}: fault ${name} cleared`);
      return sendJson(res, 200, { ok: true, service: s.slug, fault: name, cleared: was, active: false });
    }
    const params = validateParams(body, s.faults.defs[name].params);
    s.faults.inject(name, params);
    log(`${s.slug}: fault ${name} injected ${JSON.stringify(params)}`);
    const { recovery } = describeFaults(s, base).find((f) => f.name === name);
    return sendJson(res, 200, { ok: true, service: s.slug, fault: name, params, active: s.faults.on(name), recovery });
  }

  function index(base) {
    return {
      name: "Sitrep demo fleet",
      description: "Simulated services from the seed runbooks. Fault and admin endpoints need Authorization: Bearer <SITREP_FLEET_TOKEN>.",
      tickMs,
      reset: `POST ${base}/reset`,
      services: services.map((s) => describeService(s, base)),
    };
  }

  function resetAll() {
    const cleared = [];
    for (const s of tickOrder) {
      for (const name of s.faults.names()) if (s.faults.clear(name)) cleared.push({ service: s.slug, fault: name });
      s.reset();
    }
    log(`reset: ${cleared.length} fault(s) cleared`);
    return { ok: true, cleared };
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  function address() {
    const { port: bound } = server.address();
    const shown = ["0.0.0.0", "::", ""].includes(host) ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    return `${shown}:${bound}`;
  }

  let closing = null;
  return {
    url: `http://${address()}`,
    token,
    close() {
      clearInterval(timer);
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function argPort(argv) {
  const i = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  if (i < 0) return undefined;
  return argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
}

async function main() {
  // The fleet is its own process, not the app: lib/env.ts does not configure it.
  const env = process.env;
  const portText = argPort(process.argv.slice(2)) ?? (env.SITREP_FLEET_PORT || "4700");
  const port = Number(portText);
  if (!/^\d+$/.test(String(portText).trim()) || port > 65535) throw new Error(`the port must be a number from 0 to 65535 (got "${portText}")`);
  const tickMs = Number(env.SITREP_FLEET_TICK_MS || 1000);
  const fleet = await startFleet({ port, host: env.SITREP_FLEET_HOST || "127.0.0.1", token: env.SITREP_FLEET_TOKEN, tickMs });
  process.stdout.write(`fleet ready ${fleet.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    fleet.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (process.argv.includes("--lifeline")) {
    const { watchParentPipe } = await import("../scripts/lifeline.mjs");
    watchParentPipe(stop);
  }
}

const direct = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (direct) {
  main().catch((e) => {
    process.stderr.write(`[fleet] cannot start: ${e.message}\n`);
    process.exit(1);
  });
}
