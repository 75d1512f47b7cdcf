// One check of one service: its health endpoint and its metrics, each under hard limits. Never
// throws: whatever goes wrong becomes a status and a reason a responder can read.
import { ruleMetrics } from "@/lib/alerts/rules/values";
import { fetchLimited } from "@/lib/health/fetch-limited";
import { parseExposition, type Sample } from "@/lib/health/exposition";
import { judgeSubChecks, parseJson, readSubChecks } from "@/lib/health/subchecks";
import type { Catalog, CatalogHealth } from "@/lib/services/catalog-schema";
import type { CheckStatus, SubCheck } from "@/lib/services/types";

export type CheckTarget = {
  slug: string;
  intervalMs: number;
  health: CatalogHealth | null;
  scrape: string | null;
  scrapeTimeoutMs: number;
  /** metric families the panels and alert rules read; only these are stored */
  families: Set<string>;
};

export type CheckResult = {
  slug: string;
  at: Date;
  status: CheckStatus;
  reason: string | null;
  latencyMs: number | null;
  subChecks: SubCheck[];
  samples: Sample[];
};

export type CheckLimits = { maxBytes: number; signal?: AbortSignal };

/** The families a metric name reads: foo_bucket, foo_sum and foo_count live in family foo. */
const familyOf = (metric: string) => metric.replace(/_(bucket|sum|count)$/, "");

export function targetsFromCatalog(catalog: Catalog): CheckTarget[] {
  return catalog.services.map((s) => {
    const families = new Set<string>();
    for (const p of s.panels) for (const line of p.series) {
      for (const name of [line.metric, line.denominator]) if (name) families.add(name).add(familyOf(name));
    }
    for (const name of s.alertRules.flatMap(ruleMetrics)) families.add(name).add(familyOf(name));
    return {
      slug: s.slug,
      intervalMs: s.health?.interval ?? s.metrics?.interval ?? 15_000,
      health: s.health ?? null,
      scrape: s.metrics?.scrape ?? null,
      scrapeTimeoutMs: s.health?.timeout ?? 5_000,
      families,
    };
  });
}

/** "HTTP 503", or "HTTP 503: database unavailable" when the body says why in a JSON field. */
function httpReason(status: number, body: Buffer): string {
  const parsed = parseJson(body.subarray(0, 4096).toString("utf8"));
  const rec = parsed.ok && parsed.value && typeof parsed.value === "object" ? (parsed.value as Record<string, unknown>) : {};
  const why = [rec.error, rec.message, rec.reason].find((v) => typeof v === "string" && v.trim()) as string | undefined;
  return why ? `HTTP ${status}: ${why.trim().slice(0, 120)}` : `HTTP ${status}`;
}

type Part = { status: CheckStatus; reason: string | null; latencyMs: number | null; subChecks: SubCheck[] };

async function checkHealth(h: CatalogHealth, limits: CheckLimits): Promise<Part> {
  const res = await fetchLimited(h.url, { method: h.method, timeoutMs: h.timeout, maxBytes: limits.maxBytes, signal: limits.signal });
  if (!res.ok) return { status: "down", reason: res.reason, latencyMs: null, subChecks: [] };
  const expected = Array.isArray(h.expectStatus) ? h.expectStatus : [h.expectStatus];
  const body = res.body;
  // Read the fields even from a failing answer: they often say which part failed.
  let subChecks: SubCheck[] = [];
  let jsonError: string | null = null;
  if (h.fields.length && h.method === "GET") {
    const parsed = parseJson(body.toString("utf8"));
    if (parsed.ok) subChecks = readSubChecks(parsed.value, h.fields);
    else jsonError = parsed.error;
  }
  if (!expected.includes(res.status)) return { status: "down", reason: httpReason(res.status, body), latencyMs: res.latencyMs, subChecks };
  if (jsonError) return { status: "down", reason: jsonError, latencyMs: res.latencyMs, subChecks };
  return { ...judgeSubChecks(subChecks), latencyMs: res.latencyMs, subChecks };
}

async function scrapeMetrics(t: CheckTarget, limits: CheckLimits): Promise<{ error: string | null; samples: Sample[]; latencyMs: number | null }> {
  const res = await fetchLimited(t.scrape!, { timeoutMs: t.scrapeTimeoutMs, maxBytes: limits.maxBytes, signal: limits.signal });
  if (!res.ok) return { error: res.reason, samples: [], latencyMs: null };
  if (res.status !== 200) return { error: `HTTP ${res.status}`, samples: [], latencyMs: res.latencyMs };
  const parsed = parseExposition(res.body, { maxBytes: limits.maxBytes, keep: (name) => t.families.has(name) || t.families.has(`${name}_total`) });
  if (!parsed.ok) return { error: parsed.error, samples: [], latencyMs: res.latencyMs };
  return { error: null, samples: parsed.families.flatMap((f) => f.samples), latencyMs: res.latencyMs };
}

export async function runCheck(t: CheckTarget, limits: CheckLimits): Promise<CheckResult> {
  const at = new Date();
  const [health, metrics] = await Promise.all([
    t.health ? checkHealth(t.health, limits) : null,
    t.scrape ? scrapeMetrics(t, limits) : null,
  ]);
  const base = { slug: t.slug, at, samples: metrics?.samples ?? [] };
  if (health) {
    const subChecks = metrics?.error
      ? [...health.subChecks, { label: "Metrics endpoint", path: "metrics", value: metrics.error, ok: null, severity: "degraded" as const }]
      : health.subChecks;
    return { ...base, ...health, subChecks };
  }
  if (metrics) {
    // Without a health endpoint, a service that serves its metrics is up.
    const reason = metrics.error ? `metrics: ${metrics.error}` : null;
    return { ...base, status: metrics.error ? "down" : "up", reason, latencyMs: metrics.latencyMs, subChecks: [] };
  }
  return { ...base, status: "unknown", reason: "no health check or metrics configured", latencyMs: null, subChecks: [] };
}
