// Simulation helpers shared by the services: a seeded random source, whole-number traffic out of
// fractional rates, latency samples, and the metric constructors bound to one service's registry.
import { Counter, Gauge, Histogram } from "prom-client";

/** mulberry32: small, fast and seeded, so two fleets with one seed behave alike. */
export function createRng(seed = 0x5eed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Turns a rate into whole events per tick without losing the fractions: 3 jobs/s at a 100 ms
 * tick is 0, 0, 1, 0, 0, 1… and still 3 a second. One flow per counted stream.
 */
export function flows() {
  const carry = new Map();
  return (key, amount) => {
    const total = (carry.get(key) ?? 0) + Math.max(0, amount);
    const whole = Math.floor(total);
    carry.set(key, total - whole);
    return whole;
  };
}

export const jitter = (rng, value, spread = 0.1) => value * (1 + (rng() * 2 - 1) * spread);

/** A log-normal sample around `median`: latencies have a long right tail, like real ones. */
export function lognormal(rng, median, sigma = 0.5) {
  const u = Math.max(rng(), 1e-12), v = rng();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/** Its 95th percentile, for services that publish a p95 gauge next to the histogram. */
export const lognormalP95 = (median, sigma = 0.5) => median * Math.exp(1.645 * sigma);

/** Splits `n` events by weight ({ openai: 5, anthropic: 3 } → counts that add up to n). */
export function spread(rng, n, weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const out = Object.fromEntries(entries.map(([k]) => [k, 0]));
  for (let i = 0; i < n; i++) {
    let r = rng() * total;
    const hit = entries.find(([, w]) => (r -= w) < 0) ?? entries[entries.length - 1];
    out[hit[0]] += 1;
  }
  return out;
}

/** How many of `n` events fail at probability `p`. */
export function failures(rng, n, p) {
  let out = 0;
  for (let i = 0; i < n; i++) if (rng() < p) out += 1;
  return out;
}

/** Counter/gauge/histogram constructors that register in one service's own registry. */
export function metricsIn(registry) {
  const registers = [registry];
  return {
    counter: (name, help, labelNames = []) => new Counter({ name, help, labelNames, registers }),
    gauge: (name, help, labelNames = []) => new Gauge({ name, help, labelNames, registers }),
    histogram: (name, help, labelNames, buckets) => new Histogram({ name, help, labelNames, buckets, registers }),
  };
}

/** Creates every label combination at zero, so a series exists before its first event. */
export function zero(counter, ...dimensions) {
  const combos = dimensions.reduce((acc, [label, values]) => acc.flatMap((c) => values.map((v) => ({ ...c, [label]: v }))), [{}]);
  for (const labels of combos) counter.inc(labels, 0);
}

/** A replica count with the one before it remembered, for scale actions and their rollback. */
export function createScaler(initial, { min, max }) {
  let current = initial;
  let previous = null;
  return {
    get current() { return current; },
    get previous() { return previous; },
    min, max,
    scale(n) {
      const from = current;
      previous = current;
      current = n;
      return { previous: from, current };
    },
    /** back to the starting count (POST /reset) */
    reset() {
      current = initial;
      previous = null;
    },
    restore() {
      if (previous === null) return null;
      const from = current;
      current = previous;
      previous = null;
      return { previous: from, current };
    },
  };
}

/** Counts over the last `size` ticks, for rates a health endpoint reports ("error rate, last 15 s"). */
export function createWindow(size = 15) {
  const ticks = [];
  return {
    push(counts) {
      ticks.push(counts);
      if (ticks.length > size) ticks.shift();
    },
    sum: (key) => ticks.reduce((n, t) => n + (t[key] ?? 0), 0),
    ratio(part, whole) {
      const w = ticks.reduce((n, t) => n + (t[whole] ?? 0), 0);
      return w ? ticks.reduce((n, t) => n + (t[part] ?? 0), 0) / w : 0;
    },
    clear: () => { ticks.length = 0; },
  };
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
export const human = (bytes) => (bytes >= GiB ? `${(bytes / GiB).toFixed(2)}G` : `${(bytes / MiB).toFixed(1)}M`);
