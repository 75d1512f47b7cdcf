// A real Prometheus Alertmanager for tests: its own config and data in a temp dir, loopback only,
// clustering off, one webhook receiver pointed at Sitrep with the bearer token, short timings so
// a notification follows an alert within a second or two. The same watchdog as prometheus.mjs
// kills it (and removes the temp dir) if the parent dies without stopping it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, launchWatched } from "./prometheus.mjs";

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";

export function alertmanagerAvailable() {
  try {
    fs.accessSync(ALERTMANAGER_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The alertmanager.yml a team would write for Sitrep (as JSON, which is YAML too).
 * @param {{ webhookUrl: string, token: string, groupBy?: string[], groupWait?: string, groupInterval?: string, repeatInterval?: string }} o
 */
export function alertmanagerConfig({ webhookUrl, token, groupBy = ["alertname"], groupWait = "1s", groupInterval = "1s", repeatInterval = "1h" }) {
  return {
    route: { receiver: "sitrep", group_by: groupBy, group_wait: groupWait, group_interval: groupInterval, repeat_interval: repeatInterval },
    receivers: [{
      name: "sitrep",
      webhook_configs: [{ url: webhookUrl, send_resolved: true, http_config: { authorization: { type: "Bearer", credentials: token } } }],
    }],
  };
}

/**
 * Starts Alertmanager and resolves once it is ready. `postAlerts` is its API v2 (what Prometheus
 * calls); `alerts` lists what it holds.
 * @param {Parameters<typeof alertmanagerConfig>[0] & { resolveTimeout?: string }} options
 */
export async function startAlertmanager(options) {
  if (!alertmanagerAvailable()) throw new Error(`alertmanager binary not found at ${ALERTMANAGER_BIN}`);
  const config = { global: { resolve_timeout: options.resolveTimeout ?? "5m" }, ...alertmanagerConfig(options) };
  for (let attempt = 1; ; attempt++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-alertmanager-"));
    fs.writeFileSync(path.join(dir, "alertmanager.yml"), JSON.stringify(config, null, 2));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server;
    try {
      server = await launchWatched(ALERTMANAGER_BIN, [
        `--config.file=${path.join(dir, "alertmanager.yml")}`,
        `--storage.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--cluster.listen-address=", // no gossip: one instance, no port of its own
        "--log.level=warn",
      ], dir, url);
    } catch (e) {
      if (attempt < 3 && /address already in use/.test(String(e?.message))) continue;
      throw e;
    }
    const { child, stop, log } = server;
    const api = async (method, p, body) => {
      const res = await fetch(`${url}/api/v2${p}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`alertmanager ${method} ${p}: HTTP ${res.status} ${await res.text()}`);
      return res.status === 200 ? res.json().catch(() => null) : null;
    };
    return {
      url,
      hostPort: `127.0.0.1:${port}`,
      pid: /** @type {number} */ (child.pid),
      stop,
      log,
      /** @param {{ labels: Record<string, string>, annotations?: Record<string, string>, startsAt?: string, endsAt?: string, generatorURL?: string }[]} alerts */
      postAlerts: (alerts) => api("POST", "/alerts", alerts),
      /** @returns {Promise<{ labels: Record<string, string>, status: { state: string } }[]>} */
      alerts: () => api("GET", "/alerts"),
    };
  }
}
