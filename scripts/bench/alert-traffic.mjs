// The alert traffic of bench:alerts: Alertmanager groups that come and go, each with several
// alerts that fire, grow, partly resolve, all resolve and fire again, sent as webhook v4
// notifications; plus what Alertmanager also sends: repeats of an unchanged group, retries of
// the last delivery, and a delivery racing its own retry. The model knows what Sitrep holds, so
// each notification says what it must change (alerts fired, resolved) and a duplicate nothing.
import { createHash } from "node:crypto";
import { createRng } from "../../demo/lib/sim.mjs";

const ZERO_TIME = "0001-01-01T00:00:00Z";
const SEVERITIES = ["critical", "warning", "warning", "info"];

/** The demo fleet's seeded PRNG (mulberry32): the same seed, the same traffic. */
export const rngOf = (seed) => createRng(seed);

const fingerprintOf = (labels) => createHash("sha256").update(JSON.stringify(Object.entries(labels).sort())).digest("hex").slice(0, 16);

export function createTraffic({ tag, seed = 1, alertsPerGroup = [2, 8], stepsPerGroup = [4, 14] }) {
  const rand = rngOf(seed);
  const int = ([lo, hi]) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const base = Date.now() - 3 * 3600_000;
  let made = 0;

  function newGroup() {
    const n = made++;
    const alertname = `Bench${["RunnerDown", "HighErrorRate", "QueueBacklog", "DiskFull", "LeaseExpired"][n % 5]}`;
    const service = `svc-${n % 40}`;
    const alerts = Array.from({ length: int(alertsPerGroup) }, (_, i) => {
      const labels = { alertname, service, instance: `${service}-${i}:9100`, severity: pick(SEVERITIES), bench: tag };
      return { labels, fingerprint: fingerprintOf(labels), state: "absent", startsAt: null, endsAt: null };
    });
    return {
      id: n, alertname, service, alerts, clock: base + n * 1000, stepsLeft: int(stepsPerGroup), last: null, busy: false, incident: null,
      key: `{}/{bench="${tag}"}:{alertname="${alertname}", service="${service}", group="${n}"}`,
    };
  }

  const iso = (ms) => new Date(ms).toISOString();
  function body(g) {
    const present = g.alerts.filter((a) => a.state !== "absent");
    return JSON.stringify({
      version: "4", groupKey: g.key, truncatedAlerts: 0, status: present.some((a) => a.state === "firing") ? "firing" : "resolved",
      receiver: "sitrep", groupLabels: { alertname: g.alertname, service: g.service }, commonLabels: { alertname: g.alertname, service: g.service, bench: tag },
      commonAnnotations: { summary: `${g.alertname} on ${g.service} (bench ${tag})` }, externalURL: "http://alertmanager.bench:9093",
      alerts: present.map((a) => ({
        status: a.state, labels: a.labels, annotations: { description: `${a.labels.instance} is unwell` },
        startsAt: iso(a.startsAt), endsAt: a.state === "resolved" ? iso(a.endsAt) : ZERO_TIME,
        generatorURL: "http://prometheus.bench:9090/graph", fingerprint: a.fingerprint,
      })),
    });
  }

  /** Changes that can happen to the group now, each applied when chosen. */
  function changes(g) {
    const by = (s) => g.alerts.filter((a) => a.state === s);
    const [firing, resolved, absent] = [by("firing"), by("resolved"), by("absent")];
    const fire = (a) => { a.state = "firing"; a.startsAt = g.clock; a.endsAt = null; };
    const resolve = (a) => { a.state = "resolved"; a.endsAt = g.clock; };
    const out = [];
    if (absent.length) out.push(["grow", () => fire(absent[0])]);
    if (firing.length > 1) out.push(["resolve some", () => firing.slice(0, int([1, firing.length - 1])).forEach(resolve)]);
    if (firing.length) out.push(["resolve all", () => firing.forEach(resolve)]);
    if (resolved.length) out.push(["fire again", () => resolved.slice(0, int([1, resolved.length])).forEach(fire)]);
    return out;
  }

  /**
   * The group's next delivery: `sends` copies at once (a delivery racing its retry), what it must
   * change, and whether it repeats one Sitrep has (then it must change nothing).
   */
  function next(g) {
    g.clock += int([1, 30]) * 1000;
    g.stepsLeft--;
    if (!g.last) {
      g.alerts.slice(0, int([1, g.alerts.length])).forEach((a) => { a.state = "firing"; a.startsAt = g.clock; });
      const fired = g.alerts.filter((a) => a.state === "firing").length;
      return (g.last = { kind: "new group", body: body(g), alerts: fired, sends: 1, expect: { fired, resolved: 0, opened: true }, duplicate: false });
    }
    const roll = rand();
    if (roll < 0.2) return { ...g.last, kind: "repeat", sends: 1, expect: { fired: 0, resolved: 0, opened: false }, duplicate: true };
    if (roll < 0.3) return { ...g.last, kind: "retry", sends: 1, expect: { fired: 0, resolved: 0, opened: false }, duplicate: true };
    const before = new Map(g.alerts.map((a) => [a.fingerprint, a.state]));
    const [kind, apply] = pick(changes(g));
    apply();
    const fired = g.alerts.filter((a) => a.state === "firing" && before.get(a.fingerprint) !== "firing").length;
    const resolvedNow = g.alerts.filter((a) => a.state === "resolved" && before.get(a.fingerprint) === "firing").length;
    const text = body(g);
    g.last = { kind, body: text, alerts: JSON.parse(text).alerts.length, sends: 1, expect: { fired, resolved: resolvedNow, opened: false }, duplicate: false };
    return rand() < 0.15 ? { ...g.last, kind: `${kind} racing its retry`, sends: 2 } : g.last;
  }

  return { newGroup, next };
}

/** How a group ends: all its alerts resolved (its incident must be mitigated), or some still firing. */
export const settled = (g) => g.alerts.every((a) => a.state !== "firing");

/** The incidents of a run: their title carries the run's tag (from the group's summary). */
export const incidentTitleTag = (tag) => `(bench ${tag})`;
