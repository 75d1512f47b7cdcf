import "server-only";
import { runCheck, type CheckTarget } from "@/lib/health/check";
import type { CatalogService } from "@/lib/services/catalog-schema";
import { judgeVerify, snapshotOf, type HealthSnapshot, type Judged, type Verify } from "./verify-rules";

// Live checks of an action's target, outside the poller: a snapshot just before and just after
// the executor runs, then the verification polled until it holds or its time is up.

const MAX_BYTES = 1_048_576;
const familyOf = (metric: string) => metric.replace(/_(bucket|sum|count)$/, "");

function targetOf(svc: CatalogService, metric?: string): CheckTarget {
  return {
    slug: svc.slug,
    intervalMs: 0,
    health: svc.health ?? null,
    scrape: metric ? svc.metrics?.scrape ?? null : null,
    scrapeTimeoutMs: svc.health?.timeout ?? 5_000,
    families: new Set(metric ? [metric, familyOf(metric)] : []),
  };
}

/** The service's health now, or null when it declares no health check. */
export async function snapshotHealth(svc: CatalogService): Promise<HealthSnapshot | null> {
  if (!svc.health) return null;
  const seen = await runCheck(targetOf(svc), { maxBytes: MAX_BYTES });
  return snapshotOf(seen, seen.at);
}

export type VerifyOptions = { pollMs?: number; signal?: AbortSignal };

/** Polls until every condition holds (passed) or `within` is over (failed, with the last state seen). */
export async function verifyAction(svc: CatalogService, verify: Verify, opts: VerifyOptions = {}): Promise<Judged> {
  const pollMs = opts.pollMs ?? 2_000;
  const deadline = Date.now() + verify.within;
  let last: Judged = { ok: false, detail: "not checked yet" };
  for (;;) {
    const seen = await runCheck(targetOf(svc, verify.metric?.name), { maxBytes: MAX_BYTES, signal: opts.signal });
    last = judgeVerify(verify, seen);
    if (last.ok || Date.now() + pollMs > deadline || opts.signal?.aborted) return last;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
