// The yardstick for the poller benchmark: a real Prometheus scraping the same targets, and the
// CPU time it spends doing so. Prints nothing; the bench script reports.
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { startPrometheus } from "../testing/prometheus.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function clockTicks() {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** User + system CPU seconds a process has used so far, from /proc/PID/stat (Linux only). */
export function processCpuSeconds(pid, ticks = clockTicks()) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces and ")": count the fields after its last ")".
  // Field 3 (state) is then index 0, so utime (field 14) is index 11 and stime (15) index 12.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

/** Prometheus wants one metrics_path per job: targets sharing a path share a job. */
function jobsFor(targets, intervalS, timeoutS) {
  const byPath = new Map();
  for (const t of targets) {
    const url = new URL(t.metricsUrl);
    const key = url.pathname + url.search;
    if (!byPath.has(key)) byPath.set(key, []);
    byPath.get(key).push(url.host);
  }
  return [...byPath].map(([metricsPath, hosts], i) => ({
    name: `bench-${i}`, metricsPath, targets: hosts, scrapeInterval: `${intervalS}s`, scrapeTimeout: `${timeoutS}s`,
  }));
}

/**
 * Scrape attempts so far, failed ones included: Prometheus observes the time between a target's
 * consecutive scrapes once per attempt (all but each target's first), whatever the outcome.
 */
async function scrapeAttempts(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("prometheus_target_interval_length_seconds_count")) total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

/**
 * Starts Prometheus on `targets` (their metricsUrl), lets it reach a steady state, then measures
 * its CPU over `rounds` scrape intervals.
 * @param {{ targets: { metricsUrl: string }[], rounds?: number, intervalS?: number, timeoutS?: number }} opts
 * @returns {Promise<{ cpuSeconds: number, scrapes: number, cpuPer1000: number, expectedScrapes: number, windowS: number }>}
 */
export async function measurePrometheus({ targets, rounds = 3, intervalS = 5, timeoutS = 5 }) {
  const ticks = clockTicks();
  const prom = await startPrometheus({ jobs: jobsFor(targets, intervalS, timeoutS) });
  try {
    // First scrapes happen ~5 s after start (target sync tick) and each target is offset within
    // the interval; the first scrape of a target also creates its series, which costs more
    // …and a busy machine with thousands of targets takes up to another interval to get there
    await prom.waitForTargets((10 + 2 * intervalS + timeoutS) * 1000);
    await sleep(intervalS * 1000 + 500);
    const scrapesBefore = await scrapeAttempts(prom.url);
    const cpuBefore = processCpuSeconds(prom.pid, ticks);
    const started = performance.now();
    await sleep(rounds * intervalS * 1000);
    const cpuAfter = processCpuSeconds(prom.pid, ticks);
    const windowS = (performance.now() - started) / 1000;
    const scrapes = (await scrapeAttempts(prom.url)) - scrapesBefore;
    const cpuSeconds = cpuAfter - cpuBefore;
    return {
      cpuSeconds: +cpuSeconds.toFixed(3),
      scrapes,
      cpuPer1000: scrapes > 0 ? +((cpuSeconds / scrapes) * 1000).toFixed(3) : NaN,
      expectedScrapes: targets.length * rounds,
      windowS: +windowS.toFixed(2),
    };
  } finally {
    await prom.stop();
  }
}
