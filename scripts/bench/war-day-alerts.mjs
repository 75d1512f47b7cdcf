// The alert storm of bench:war-day: bench:alerts' traffic (groups that fire, grow, resolve and
// fire again, with repeats and retries; scripts/bench/alert-traffic.mjs) sent open-loop at
// `rate` alerts a minute to the Alertmanager webhook, one delivery at a time per group as
// Alertmanager does. Every answer but 200 is an error; latency is recorded per delivery.
import crypto from "node:crypto";
import http from "node:http";
import { createTraffic, rngOf } from "./alert-traffic.mjs";
import { timed } from "./war-day-record.mjs";

const MAX_IN_FLIGHT = 32;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const ALERT_LABEL = "POST /api/alerts/alertmanager";

/** Runs the storm until `endAt`; resolves { alerts, deliveries, seconds } sent. */
export async function alertStorm({ base, token, rec, rate, endAt, seed = 1 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const traffic = createTraffic({ tag: crypto.randomBytes(4).toString("hex"), seed });
  const rand = rngOf(seed + 1);
  const groups = [];
  const sent = { alerts: 0, deliveries: 0, seconds: 0, rate };
  const started = Date.now();
  let inFlight = 0, scheduled = 0;

  async function deliver(g, n) {
    const sends = Array.from({ length: n.sends }, () => timed(rec, ALERT_LABEL, agent, `${base}/api/alerts/alertmanager`, { method: "POST", headers, body: n.body }));
    await Promise.all(sends);
    sent.deliveries += n.sends;
    sent.alerts += n.alerts * n.sends;
  }

  while (Date.now() < endAt) {
    let due = (rate / 60) * ((Date.now() - started) / 1000) - scheduled;
    while (due > 0 && inFlight < MAX_IN_FLIGHT) {
      const idle = groups.filter((g) => !g.busy && g.stepsLeft > 0);
      const g = idle.length && rand() > 0.2 ? idle[Math.floor(rand() * idle.length)] : groups[groups.push(traffic.newGroup()) - 1];
      const n = traffic.next(g);
      g.busy = true;
      inFlight++;
      scheduled += n.alerts * n.sends;
      due -= n.alerts * n.sends;
      deliver(g, n).finally(() => { g.busy = false; inFlight--; });
    }
    await sleep(20);
  }
  while (inFlight > 0) await sleep(20);
  agent.destroy();
  sent.seconds = (Date.now() - started) / 1000;
  return sent;
}
