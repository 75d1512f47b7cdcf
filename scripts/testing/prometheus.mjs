// A real Prometheus for tests and benchmarks: its own config and throwaway TSDB in a temp dir,
// listening on loopback only. A small watchdog process holds a pipe from us and kills Prometheus
// (and removes the temp dir) when that pipe closes, so even a parent killed with SIGKILL leaves
// nothing behind.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";

const READY_TIMEOUT_MS = 20_000;
const ZERO_TIME = "0001-01-01T00:00:00Z";

export function prometheusAvailable() {
  try {
    fs.accessSync(PROMETHEUS_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {{ name: string, targets: string[], metricsPath?: string, scrapeInterval?: string, scrapeTimeout?: string }} PromJob
 * @typedef {{ url: string, pid: number, stop(): Promise<void>, waitForTargets(timeoutMs: number): Promise<void>, log(): string }} RunningPrometheus
 */

/**
 * @param {{ jobs: PromJob[], globalInterval?: string, globalTimeout?: string, evaluationInterval?: string, rules?: boolean, alertmanagers?: string[] }} opts
 */
function configText({ jobs, globalInterval, globalTimeout, evaluationInterval, rules, alertmanagers }) {
  const names = new Set(jobs.map((j) => j.name));
  if (names.size !== jobs.length) throw new Error("startPrometheus: job names must be unique");
  for (const job of jobs) {
    const bad = job.targets.find((t) => t.includes("/"));
    if (bad) throw new Error(`startPrometheus: targets are host:port, not URLs (job ${job.name}: ${bad}); put the path in metricsPath`);
  }
  const config = {
    // Prometheus refuses a global timeout above the global interval, and its default timeout is 10s
    global: {
      ...(globalInterval ? { scrape_interval: globalInterval, scrape_timeout: globalTimeout ?? globalInterval } : {}),
      ...(evaluationInterval ? { evaluation_interval: evaluationInterval } : {}),
    },
    ...(rules ? { rule_files: ["rules.yml"] } : {}),
    ...(alertmanagers?.length ? { alerting: { alertmanagers: [{ static_configs: [{ targets: alertmanagers }] }] } } : {}),
    scrape_configs: jobs.map((j) => ({
      job_name: j.name,
      metrics_path: j.metricsPath ?? "/metrics",
      scrape_interval: j.scrapeInterval,
      scrape_timeout: j.scrapeTimeout,
      static_configs: [{ targets: j.targets }],
    })),
  };
  return JSON.stringify(config, null, 2); // JSON is valid YAML, and needs no quoting rules
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const WATCHDOG = `
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, () => {});
const [pid, dir] = process.argv.slice(1);
process.stdin.on("error", () => {});
process.stdin.on("close", () => {
  try { process.kill(Number(pid), "SIGKILL"); } catch {}
  setTimeout(() => { require("fs").rmSync(dir, { recursive: true, force: true }); process.exit(0); }, 200);
});
process.stdin.resume();
`;

export function startWatchdog(pid, dir) {
  const dog = spawn(process.execPath, ["-e", WATCHDOG, String(pid), dir], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  dog.unref();
  /** @type {any} */ (dog.stdin)?.unref?.();
  return dog;
}

async function waitReady(url, child, stderr, name = "prometheus") {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited with ${child.signalCode ?? child.exitCode} before it was ready:\n${stderr()}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${name} at ${url} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${stderr()}`);
}

async function waitForTargets(url, expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let state = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const { data } = await (await fetch(`${url}/api/v1/targets?state=active`)).json();
      const scraped = data.activeTargets.filter((t) => t.lastScrape !== ZERO_TIME).length;
      if (data.activeTargets.length >= expected && scraped >= expected) return;
      state = `${scraped} of ${expected} targets scraped`;
    } catch (e) {
      state = e?.message ?? String(e);
    }
    await sleep(250);
  }
  throw new Error(`prometheus at ${url}: not every target was scraped within ${timeoutMs} ms (${state})`);
}

export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 5000);
  return exited.finally(() => clearTimeout(t));
}

/** @param {string} dir @param {number} port @param {string[]} extraArgs */
function launch(dir, port, extraArgs) {
  return launchWatched(PROMETHEUS_BIN, [
    `--config.file=${path.join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--log.level=warn",
    ...extraArgs,
  ], dir, `http://127.0.0.1:${port}`);
}

/**
 * Starts a server binary (Prometheus, Alertmanager) with its data in `dir`, guarded by a
 * watchdog and an exit hook so a crashed test never leaves it running, and waits until it
 * answers at `url`. `stop()` ends it and removes `dir`.
 * @param {string} bin @param {string[]} args @param {string} dir @param {string} url
 */
export async function launchWatched(bin, args, dir, url) {
  const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk) => { log = (log + chunk).slice(-8000); });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const dog = startWatchdog(child.pid, dir);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    dog.kill("SIGKILL"); // before the server exits, so it can never signal a reused pid
    await stopProcess(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => log, path.basename(bin));
  } catch (e) {
    await stop();
    throw e;
  }
  // Once it runs, a forgotten stop() must not keep the caller alive: the exit hook and watchdog clean up
  child.unref();
  /** @type {any} */ (child.stderr).unref?.();
  return { url, child, stop, log: () => log };
}

/**
 * Starts Prometheus scraping `jobs` (one metrics path per job) and resolves once it is ready.
 * Timing: Prometheus applies discovered targets on a 5 s tick, so the first scrape happens
 * about 5 s after start, plus up to one scrape interval.
 * Alerting: `rules` is the text of a rule file (YAML or JSON), evaluated every
 * `evaluationInterval`, its alerts sent to `alertmanagers` (host:port) at once and resent every
 * `resendDelay` (Prometheus' default is 1m).
 * @param {{ jobs: PromJob[], port?: number, globalInterval?: string, globalTimeout?: string, evaluationInterval?: string, rules?: string, alertmanagers?: string[], resendDelay?: string }} opts
 * @returns {Promise<RunningPrometheus>}
 */
export async function startPrometheus({ jobs, port = 0, globalInterval, globalTimeout, evaluationInterval, rules, alertmanagers, resendDelay }) {
  if (!prometheusAvailable()) throw new Error(`prometheus binary not found at ${PROMETHEUS_BIN}`);
  const config = configText({ jobs, globalInterval, globalTimeout, evaluationInterval, rules: Boolean(rules), alertmanagers });
  const extraArgs = resendDelay ? [`--rules.alert.resend-delay=${resendDelay}`] : [];
  const expected = jobs.reduce((n, j) => n + new Set(j.targets).size, 0);
  for (let attempt = 1; ; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-prometheus-"));
    fs.writeFileSync(path.join(dir, "prometheus.yml"), config);
    if (rules) fs.writeFileSync(path.join(dir, "rules.yml"), rules);
    try {
      const run = await launch(dir, port || (await freePort()), extraArgs);
      return {
        url: run.url,
        pid: /** @type {number} */ (run.child.pid),
        stop: run.stop,
        waitForTargets: (timeoutMs) => waitForTargets(run.url, expected, timeoutMs),
        log: run.log,
      };
    } catch (e) {
      // A free port picked by us can be taken before Prometheus binds it: try another one
      const raced = !port && attempt < 3 && /address already in use/.test(String(e?.message));
      if (!raced) throw e;
    }
  }
}
