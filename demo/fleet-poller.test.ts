// The demo fleet as Sitrep itself sees it: runCheck on the targets of demo/catalog.yaml. Every
// fault the fleet offers must show within one poll interval of its service (the catalog's
// interval), and its recovery action must clear it within one more; one fault also goes through
// the real poller into the database. (fleet.test.ts checks the symptoms on the fleet's own answers.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogVars } from "@/lib/env";
import { runCheck, targetsFromCatalog, type CheckResult, type CheckTarget } from "@/lib/health/check";
import type { Sample } from "@/lib/health/exposition";
import { DEFAULT_POLLER_OPTIONS } from "@/lib/health/poller";
import { createPollerRuntime } from "@/lib/health/runtime";
import { getService, listServicesBySlug } from "@/lib/services/queries";
import { uniqueEmail } from "@/lib/testing/db";
import { loadTestCatalog, withRestoredCatalog } from "@/lib/actions/testing-catalog";
import { SCENARIOS } from "./scenarios";
import { CATALOG_TEXT, delta, quantileBetween, setupFleet, until, value, type Json } from "./testing";

const f = setupFleet();
const LIMITS = { maxBytes: DEFAULT_POLLER_OPTIONS.maxBytes };
const MiB = 1024 ** 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let targets: CheckTarget[] = [];
beforeAll(() => void (targets = targetsFromCatalog(f.catalog)));

// Faults that leave the health endpoint answering "up": what the samples runCheck keeps (the
// panels' families) show instead, by the same measures as SCENARIOS, compared with the check
// before the fault (or, for `cleared`, the first check after the recovery).
type Compare = (before: Sample[], now: Sample[]) => boolean;
const p95 = (before: Sample[], now: Sample[]) => quantileBetween(before, now, "http_request_duration_seconds", 0.95);
const slow: Compare = (b, n) => p95(b, n).count >= 20 && (p95(b, n).value ?? 0) > 2;
const fast = (limit: number): Compare => (b, n) => p95(b, n).count >= 20 && (p95(b, n).value ?? 99) < limit;
const grows = (metric: string, by: number): Compare => (b, n) => delta(b, n, metric) > by;
const below = (metric: string, limit: number): Compare => (_b, n) => value(n, metric) < limit;
const METRIC_ONLY: Record<string, { shown: Compare; cleared: Compare }> = {
  "beacon-runner/high-latency": { shown: slow, cleared: fast(1) },
  "beacon-runner/memory-leak": { shown: grows("memory_heap_alloc_bytes", 20 * MiB), cleared: below("memory_heap_alloc_bytes", 100 * MiB) },
  "fondation-worker/memory-leak": { shown: grows("process_resident_memory_bytes", 150 * MiB), cleared: below("process_resident_memory_bytes", 1024 * MiB) },
  "agent-node/high-latency": { shown: slow, cleared: fast(2) },
  // The panels read the V8 gauge, which carries the same value as memory_usage_bytes{type="heap_used"}.
  "agent-node/memory-leak": { shown: grows("nodejs_heap_size_used_bytes", 15 * MiB), cleared: below("nodejs_heap_size_used_bytes", 130 * MiB) },
};

const shown = (r: CheckResult | null) => (r ? `${r.status} (${r.reason ?? "no reason"}), ${r.samples.length} samples` : "no check finished");

/** Checks `t` again and again until `ok`; the time counts from `since` to the end of the check that showed it. */
async function firstCheck(t: CheckTarget, since: number, what: string, ok: (r: CheckResult) => boolean) {
  let last: CheckResult | null = null;
  while (Date.now() - since <= t.intervalMs) {
    last = await runCheck(t, LIMITS);
    if (ok(last)) return { result: last, elapsed: Date.now() - since };
    await sleep(50);
  }
  throw new Error(`${t.slug}: ${what} not seen within one poll interval (${t.intervalMs} ms); last check: ${shown(last)}`);
}

/** The reason a responder reads: a sentence, not a dump; a down service says its HTTP status and why. */
function expectReadable(r: CheckResult) {
  expect(r.reason, shown(r)).toMatch(/^\S.{3,200}$/);
  expect(r.reason).not.toMatch(/[{}]|\[object|undefined|NaN/);
  if (r.status === "down") expect(r.reason).toMatch(/^HTTP 5\d\d: [A-Za-z]/);
  else expect(r.subChecks.some((s) => s.ok === false && r.reason!.startsWith(`${s.label}: `)), shown(r)).toBe(true);
}

const notUp = async () =>
  (await Promise.all(targets.map((t) => runCheck(t, LIMITS)))).filter((r) => r.status !== "up").map((r) => `${r.slug}: ${shown(r)}`).join(", ");

describe("every fault through Sitrep's own check", () => {
  it("covers every fault the fleet offers (GET /), and knows which ones show only in metrics", () => {
    const offered = f.index.services.flatMap((s: Json) => s.faults.map((x: Json) => `${s.slug}/${x.name}`)).sort();
    expect(offered).toEqual(Object.keys(SCENARIOS).sort());
    for (const key of Object.keys(METRIC_ONLY)) expect(offered).toContain(key);
  });

  // The bound is each service's interval as the catalog declares it (SITREP_DEMO_INTERVAL, 15 s by
  // default); the fleet simulates in real time whatever its tick, so this is the demo's own budget.
  it.each(Object.keys(SCENARIOS))("%s: seen within one poll interval, cleared by its recovery within one more", async (key) => {
    const [slug, name] = key.split("/");
    const t = targets.find((x) => x.slug === slug)!;
    const metric = METRIC_ONLY[key];
    await until("the whole fleet up before injecting", async () => (await notUp()) || true, 20_000);
    const before = await runCheck(t, LIMITS); // the poll before the fault
    expect(before.status, shown(before)).toBe("up");

    const injectedAt = Date.now();
    const injected = await f.api.post(`/${slug}/faults/${name}`, SCENARIOS[key].inject);
    expect(injected.status, injected.text).toBe(200);
    const seen = metric
      ? await firstCheck(t, injectedAt, "its metric symptom", (r) => metric.shown(before.samples, r.samples))
      : await firstCheck(t, injectedAt, "a status other than up", (r) => r.status !== "up");
    expect(seen.elapsed).toBeLessThanOrEqual(t.intervalMs);
    if (!metric) expectReadable(seen.result);

    const fault = (await f.api.get(`/${slug}/faults`)).json.faults.find((x: Json) => x.name === name); // its recovery while active
    const recoveredAt = Date.now();
    const recovery = await f.api.post(new URL(fault.recovery.url).pathname, fault.recovery.body);
    expect(recovery.status, recovery.text).toBe(200);
    const after = await runCheck(t, LIMITS);
    const cleared = await firstCheck(t, recoveredAt, `${fault.recovery.action} clearing it`,
      (r) => r.status === "up" && r.reason === null && (!metric || metric.cleared(after.samples, r.samples)));
    expect(cleared.elapsed).toBeLessThanOrEqual(t.intervalMs);
  });
});

// The catalog in force is global: store the demo catalog under slugs of our own, and put the
// previous catalog back afterwards (poller.integration.test.ts stores its own before reading).
// Skipped without a database, so `npx vitest run demo/` keeps working without one.
if (!process.env.DATABASE_URL) console.warn("DATABASE_URL is not set: skipping the poller → database test of demo/fleet-poller.test.ts");
describe.skipIf(!process.env.DATABASE_URL)("a fault through the poller into the database", () => {
  const tag = uniqueEmail("fleet").split("@")[0];
  const mine = (slug: string) => `${tag}-${slug}`;
  const slugs = [...CATALOG_TEXT.matchAll(/^\s*- slug: ([a-z0-9-]+)$/gm)].map((m) => mine(m[1]));
  const env = { url: process.env.SITREP_FLEET_URL, interval: process.env.SITREP_DEMO_INTERVAL };

  const setEnv = (name: string, v: string | undefined) => (v === undefined ? delete process.env[name] : (process.env[name] = v));
  withRestoredCatalog();

  beforeAll(async () => {
    // As Sitrep loads it in demo mode, polled every second so the test stays short.
    setEnv("SITREP_FLEET_URL", f.url);
    setEnv("SITREP_DEMO_INTERVAL", "1s");
    const text = CATALOG_TEXT.replace(/^(\s*- slug: )([a-z0-9-]+)$/gm, (_, head, slug) => head + mine(slug))
      .replace(/^(\s*dependsOn: \[)([^\]]*)\]/gm, (_, head, list: string) => `${head}${list.split(",").map((s) => mine(s.trim())).join(", ")}]`);
    await loadTestCatalog(text, "demo/catalog.yaml", catalogVars());
  });

  afterAll(async () => {
    setEnv("SITREP_FLEET_URL", env.url);
    setEnv("SITREP_DEMO_INTERVAL", env.interval);
  });

  it("nats-down: stored down (the router impacted) within one interval, and up again after its restart", async () => {
    const runtime = createPollerRuntime();
    const [nats, router] = [mine("nats"), mine("beamline-router")];
    const interval = (await runtime.targets()).find((t) => t.slug === nats)!.intervalMs;
    expect(interval).toBe(1000);
    // A check lands at most one interval after the last one, on the poller's next tick; `since`
    // is when the check that saw the change started. The slack covers the tick's own queries.
    const bound = interval + DEFAULT_POLLER_OPTIONS.tickMs + 250;
    const stored = async () => listServicesBySlug([nats, router]);
    runtime.poller.start();
    try {
      await until("the poller storing every demo service as up", async () => {
        const all = await listServicesBySlug(slugs);
        return (all.length === slugs.length && all.every((s) => s.status === "up")) || `leader: ${runtime.poller.isLeader}; ${all.map((s) => `${s.slug} ${s.status}`).join(", ")}`;
      }, 15_000);

      const injectedAt = Date.now();
      expect((await f.api.post("/nats/faults/nats-down")).status).toBe(200);
      await until("nats stored down and the router impacted", async () => {
        const [n, r] = await stored();
        return (n.status === "down" && r.status === "impacted") || `${n.status}, ${r.status}`;
      }, 10_000);
      const [n, r] = await stored();
      expect(n.reason).toBe("HTTP 503: nats-server is not running (connection refused on :4222)");
      expect(r).toMatchObject({ checkStatus: "down", reason: expect.stringMatching(new RegExp(`^depends on ${nats}, which is down \\(own check: HTTP 503: \\w`)) });
      expect(Date.parse(n.since!) - injectedAt).toBeLessThanOrEqual(bound);

      const fault = (await f.api.get("/nats/faults")).json.faults.find((x: Json) => x.name === "nats-down");
      const recoveredAt = Date.now();
      expect((await f.api.post(new URL(fault.recovery.url).pathname, fault.recovery.body)).status).toBe(200);
      await until("nats and the router stored up again", async () => (await stored()).every((s) => s.status === "up") || (await stored()).map((s) => s.status).join(", "), 10_000);
      const [n2] = await stored();
      expect(n2.reason).toBeNull();
      expect(Date.parse(n2.since!) - recoveredAt).toBeLessThanOrEqual(bound);
      const history = (await getService(nats))!.history.slice(0, 2);
      expect(history).toEqual([expect.objectContaining({ status: "up", reason: null }), expect.objectContaining({ status: "down", reason: n.reason })]);
    } finally {
      await runtime.poller.stop();
    }
  });
});
