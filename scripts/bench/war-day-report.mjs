// bench:war-day's table and goals. p50 and p95 of every endpoint next to GET /api/health's
// (probed all through the same run: the floor), then PASS/FAIL per goal.
import fs from "node:fs";
import { stats } from "./war-day-record.mjs";

export const HEALTH_LABEL = "GET /api/health (floor)";
export const GOALS = { warRoomX: 10, incidentX: 15, writesX: 10, propagationMs: 1500, rssGrowth: 0.3 };

/** Resident memory (bytes) of a process and all its descendants (several workers: their sum). */
export function treeRss(pid) {
  let rss = 0;
  try { rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024; } catch { return 0; }
  let kids = [];
  try { kids = fs.readdirSync(`/proc/${pid}/task`).flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean)); } catch {}
  return rss + kids.reduce((sum, k) => sum + treeRss(Number(k)), 0);
}

const ms = (v) => (Number.isFinite(v) ? (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`) : "—");
const x = (v) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : "—");
const mb = (b) => `${Math.round(b / 1048576)} MB`;
const verdict = (ok) => (ok ? "PASS" : "FAIL");

function table(rows) {
  const head = ["endpoint", "requests", "p50", "p95", "p50/health", "p95/health", "size"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const merged = (rec, pick) => [...rec.samples].filter(([label]) => pick(label)).flatMap(([, s]) => s.ms);

/** Prints everything; returns true when every goal passes. */
export function report({ rec, labels, propagation, rss, storm, seconds, setup }) {
  const floor = stats(rec.samples.get(HEALTH_LABEL)?.ms ?? []);
  // Endpoints with no request finished in the window still get a row: their absence is a figure.
  for (const label of labels.expected) if (!rec.samples.has(label)) rec.samples.set(label, { ms: [], bytes: 0 });
  const rows = [...rec.samples].sort(([a], [b]) => a.localeCompare(b)).map(([label, s]) => {
    const st = stats(s.ms);
    return [label, String(st.n), ms(st.p50), ms(st.p95), x(st.p50 / floor.p50), x(st.p95 / floor.p95), s.bytes ? `${Math.round(s.bytes / st.n / 1024)} KB` : ""];
  });
  console.log(`\n${setup}\n`);
  console.log(table(rows));
  const warRoom = stats(rec.samples.get(labels.warRoomApi)?.ms ?? []);
  const incident = stats(merged(rec, labels.isIncidentPage));
  const writes = stats(merged(rec, labels.isWrite));
  const prop = stats(propagation.writes.samples), propAll = stats(propagation.all.samples);
  const growth = rss.before ? rss.after / rss.before - 1 : NaN;
  console.log(`\nalert storm: ${storm.alerts.toLocaleString("en")} alerts in ${storm.deliveries} notifications over ${storm.seconds.toFixed(1)} s (${Math.round((storm.alerts / storm.seconds) * 60)}/min of ${storm.rate}/min asked; at most 32 deliveries in flight)`);
  console.log(`writes (all kinds): ${writes.n}, p50 ${ms(writes.p50)}, p95 ${ms(writes.p95)} = ${x(writes.p95 / floor.p95)} the health p95`);
  console.log(`propagation, write commit → arrival on the ${propagation.streams} streams: p50 ${ms(prop.p50)}, p95 ${ms(prop.p95)}, max ${ms(prop.max)} (${prop.n} deliveries; ${propagation.writes.missing} missing)`);
  console.log(`propagation, every change (alerts, poller, writes): p50 ${ms(propAll.p50)}, p95 ${ms(propAll.p95)}, max ${ms(propAll.max)} (${propAll.n} deliveries; ${propagation.all.missing} missing)`);
  console.log(`app RSS (process tree): ${mb(rss.before)} before the load → ${mb(rss.after)} at the end (peak ${mb(rss.peak)}): ${(growth * 100).toFixed(0)}% growth`);
  console.log(`errors: ${rec.errors.count}${rec.errors.count ? ` (${[...rec.errors.byLabel].map(([l, n]) => `${l}: ${n}`).join("; ")})` : ""}`);
  for (const e of rec.errors.first) console.log(`  ✗ ${e.label}: HTTP ${e.status} ${e.body}`);

  const goals = [
    [`war-room API (${labels.warRoomApi}) p95 ≤ ${GOALS.warRoomX}× the health floor`, warRoom.p95 / floor.p95 <= GOALS.warRoomX, `${x(warRoom.p95 / floor.p95)} (${ms(warRoom.p95)} vs ${ms(floor.p95)})`],
    [`incident page (5,000 events; page loads and live refreshes) p95 ≤ ${GOALS.incidentX}×`, incident.p95 / floor.p95 <= GOALS.incidentX, `${x(incident.p95 / floor.p95)} (${ms(incident.p95)})`],
    [`writes p95 ≤ ${GOALS.writesX}×`, writes.p95 / floor.p95 <= GOALS.writesX, `${x(writes.p95 / floor.p95)} (${ms(writes.p95)})`],
    [`propagation p95 ≤ ${GOALS.propagationMs} ms, none missing`, prop.p95 <= GOALS.propagationMs && !propagation.writes.missing && prop.n > 0, `${ms(prop.p95)}, ${propagation.writes.missing} missing`],
    [`RSS growth ≤ ${GOALS.rssGrowth * 100}%`, growth <= GOALS.rssGrowth, `${(growth * 100).toFixed(0)}%`],
    ["0 errors", rec.errors.count === 0, String(rec.errors.count)],
  ];
  console.log(`\nGoals (${seconds} s, health p50 ${ms(floor.p50)}, p95 ${ms(floor.p95)} over ${floor.n} probes):`);
  for (const [name, ok, got] of goals) console.log(`  ${verdict(ok)}  ${name}: ${got}`);
  const all = goals.every(([, ok]) => ok);
  console.log(`\nbench:war-day: ${verdict(all)}`);
  return all;
}
