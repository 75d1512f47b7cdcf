// Helpers for the demo fleet's tests: one fleet per test file (started in-process on a free port
// with a fast tick, reset before each test), an HTTP client with its token, metric values read
// from the exposition text (with Sitrep's own parser), histogram quantiles between two scrapes,
// and health judged by the catalog's declared fields, as the poller judges it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { parseExposition, type Sample } from "@/lib/health/exposition";
import { bucketIncrease, histogramQuantile, type Bucket } from "@/lib/health/series";
import { judgeSubChecks, readSubChecks } from "@/lib/health/subchecks";
import { formatProblem, parseCatalog } from "@/lib/services/catalog";
import type { Catalog, CatalogService } from "@/lib/services/catalog-schema";
import { startFleet } from "./fleet.mjs";

// Fleet responses are arbitrary JSON; tests read them by value.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type Reply = { status: number; text: string; json: Json };

export function fleetClient(url: string, token: string) {
  const call = async (method: string, path: string, init: { body?: unknown; raw?: string; auth?: string | null } = {}): Promise<Reply> => {
    const headers: Record<string, string> = {};
    const auth = init.auth === undefined ? token : init.auth;
    if (auth !== null) headers.authorization = `Bearer ${auth}`;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    let json: Json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown, auth?: string | null) => call("POST", path, { body, auth }),
    postRaw: (path: string, raw: string) => call("POST", path, { raw }),
    del: (path: string, auth?: string | null) => call("DELETE", path, { auth }),
    metrics: async (slug: string): Promise<Sample[] | null> => {
      const r = await call("GET", `/${slug}/metrics`);
      return r.status === 200 ? parseMetrics(r.text) : null;
    },
  };
}
export type FleetClient = ReturnType<typeof fleetClient>;

export function parseMetrics(text: string): Sample[] {
  const res = parseExposition(text);
  if (!res.ok) throw new Error(`invalid exposition: ${res.error}`);
  return res.families.flatMap((f) => f.samples);
}

const matches = (s: Sample, name: string, labels: Record<string, string>) =>
  s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v);

/** The sum of every series of `name` with these labels; 0 when there is none. */
export function value(samples: Sample[] | null, name: string, labels: Record<string, string> = {}): number {
  return (samples ?? []).filter((s) => matches(s, name, labels)).reduce((n, s) => n + s.value, 0);
}

export const delta = (before: Sample[] | null, after: Sample[] | null, name: string, labels: Record<string, string> = {}) =>
  value(after, name, labels) - value(before, name, labels);

function buckets(samples: Sample[] | null, name: string, labels: Record<string, string>): Bucket[] {
  const byLe = new Map<number, number>();
  for (const s of (samples ?? []).filter((x) => matches(x, `${name}_bucket`, labels))) {
    const le = s.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  return [...byLe].map(([le, count]) => ({ le, count }));
}

/** A histogram's quantile over the observations made between two scrapes, with how many there were. */
export function quantileBetween(before: Sample[] | null, after: Sample[] | null, name: string, q: number, labels: Record<string, string> = {}) {
  const inc = bucketIncrease(buckets(before, name, labels), buckets(after, name, labels));
  const count = inc.find((b) => b.le === Number.POSITIVE_INFINITY)?.count ?? 0;
  return { count, value: histogramQuantile(q, inc) };
}

/** up, degraded or down, as Sitrep's poller would judge this health answer with the catalog's fields. */
export function judge(service: CatalogService, reply: { status: number; json: Json }): string {
  const h = service.health!;
  const expected = Array.isArray(h.expectStatus) ? h.expectStatus : [h.expectStatus];
  if (!expected.includes(reply.status)) return "down";
  return judgeSubChecks(readSubChecks(reply.json, h.fields)).status;
}

/** Polls `check` until it returns true; fails with the last reason when `timeoutMs` runs out. */
export async function until(what: string, check: () => Promise<boolean | string> | boolean | string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = "never checked";
  while (Date.now() < deadline) {
    try {
      const r = await check();
      if (r === true) return;
      last = r;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}: ${String(last)}`);
}

export const TOKEN = "fleet-test-token";
export const CATALOG_TEXT = readFileSync(new URL("./catalog.yaml", import.meta.url), "utf8");
export type Look = { health: Reply; verdict: string; metrics: Sample[] | null; before: Sample[] | null };

/** Starts a fleet for this test file and the demo catalog pointed at it; POST /reset before each test. */
export function setupFleet() {
  const ctx = {
    url: "",
    api: null as unknown as FleetClient,
    catalog: null as unknown as Catalog,
    /** GET / */
    index: null as Json,
    service: (slug: string): CatalogService => ctx.catalog.services.find((s) => s.slug === slug)!,
    listed: (slug: string): Json => ctx.index.services.find((s: Json) => s.slug === slug),
    async look(slug: string, before: Sample[] | null = null): Promise<Look> {
      const health = await ctx.api.get(new URL(ctx.service(slug).health!.url).pathname);
      return { health, verdict: judge(ctx.service(slug), health), metrics: await ctx.api.metrics(slug), before };
    },
    scrapeAll: async () => new Map(await Promise.all(ctx.catalog.services.map(async (s) => [s.slug, await ctx.api.metrics(s.slug)] as const))),
    /** "" when the catalog judges every service up, else the ones that are not */
    notUp: async () => (await Promise.all(ctx.catalog.services.map(async (s) => `${s.slug}: ${(await ctx.look(s.slug)).verdict}`))).filter((v) => !v.endsWith(": up")).join(", "),
  };
  let close = async () => {};
  beforeAll(async () => {
    const fleet = await startFleet({ port: 0, token: TOKEN, tickMs: 100, log: () => {} });
    close = fleet.close;
    ctx.url = fleet.url;
    ctx.api = fleetClient(fleet.url, TOKEN);
    const parsed = parseCatalog(CATALOG_TEXT, "demo/catalog.yaml", { SITREP_FLEET_URL: fleet.url });
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join("\n"));
    ctx.catalog = parsed.catalog;
    ctx.index = (await ctx.api.get("/")).json;
  });
  afterAll(() => close());
  beforeEach(async () => expect((await ctx.api.post("/reset")).status).toBe(200));
  return ctx;
}
