import "server-only";
import { sweepActionRuns } from "@/lib/actions/run-sweeps";
import { evaluateRules } from "@/lib/alerts/rules/evaluate";
import { evaluateHealthRules, healthRules } from "@/lib/alerts/rules/evaluate-health";
import { surfaceUnsilenced } from "@/lib/alerts/surface";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { targetsFromCatalog, type CheckResult, type CheckTarget } from "@/lib/health/check";
import { Leadership } from "@/lib/health/leadership";
import { DEFAULT_POLLER_OPTIONS, Poller, type PollerOptions } from "@/lib/health/poller";
import { applyRetention } from "@/lib/health/retention";
import { recordChecks, SeriesIds, type StatusChange } from "@/lib/health/store";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { effectiveStatus } from "@/lib/services/status";
import type { CheckStatus } from "@/lib/services/types";

// Wires the poller to the catalog in force, the database and the leadership lock. One per process.

type Catalogued = { versionId: number | null; targets: CheckTarget[]; deps: Map<string, string[]>; healthRuled: Set<string> };

/** Runs one task after the other: the health rules are judged from two places, never at once. */
function serial() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}

/** `options` override the environment's (tests poll and evaluate faster). */
export function createPollerRuntime(options: Partial<PollerOptions> = {}) {
  const env = getEnv();
  const ids = new SeriesIds();
  const statuses = new Map<string, CheckStatus>();
  let known: Catalogued = { versionId: -1, targets: [], deps: new Map(), healthRuled: new Set() };
  const healthLane = serial();
  let primed = false;

  async function targets(): Promise<CheckTarget[]> {
    const active = await getActiveCatalog();
    if (active.versionId !== known.versionId) {
      known = {
        versionId: active.versionId, targets: targetsFromCatalog(active.catalog), deps: new Map(active.catalog.services.map((s) => [s.slug, s.dependsOn])),
        healthRuled: new Set(active.catalog.services.filter((s) => healthRules(s).length).map((s) => s.slug)),
      };
    }
    return known.targets;
  }

  /**
   * Health rules are judged as soon as a round is recorded in which a service that has them is not
   * up, or changed: "down for 1m" fires one check after the minute is covered, not up to a rules
   * interval later, and a recovery resolves at once.
   */
  async function recorded(results: CheckResult[], changes: StatusChange[]) {
    const changed = new Set(changes.map((c) => c.slug));
    const slugs = new Set(results.filter((r) => known.healthRuled.has(r.slug) && (r.status !== "up" || changed.has(r.slug))).map((r) => r.slug));
    if (slugs.size) await healthLane(() => evaluateHealthRules({ slugs }));
  }

  const describe = (c: StatusChange) => effectiveStatus(c.slug, { status: c.to, reason: c.reason }, known.deps, (s) => statuses.get(s));

  async function record(results: CheckResult[]) {
    if (!primed) {
      // A new leader starts from what its predecessor last wrote, so "impacted" is right at once.
      for (const s of await db.serviceState.findMany({ select: { slug: true, status: true } })) statuses.set(s.slug, s.status);
      primed = true;
    }
    for (const r of results) statuses.set(r.slug, r.status);
    try {
      return await recordChecks(results, ids, describe);
    } catch (e) {
      // The batch rolled back, and with it any series ids it created.
      ids.forget();
      throw e;
    }
  }

  const poller = new Poller(
    {
      leadership: new Leadership(env.DATABASE_URL),
      targets,
      record,
      // Housekeeping by the one active poller: history retention, and action runs whose process
      // is gone (another host's crash shows once the run is past its deadline) end as interrupted,
      // unstarted requests expire, verifications a crash left pending fail (the rollback is offered).
      maintain: async () => {
        await applyRetention(env.SITREP_HEALTH_RETENTION_DAYS);
        const swept = await sweepActionRuns();
        if (swept.interrupted) console.info(`[actions] ${swept.interrupted} run(s) whose Sitrep process is gone (or whose end was lost) marked interrupted`);
        if (swept.expired || swept.verifications) console.info(`[actions] ${swept.expired} unstarted request(s) expired, ${swept.verifications} stuck verification(s) failed`);
      },
      // Alert rules: only the leader evaluates, so each transition is sent once.
      // Then alerts whose silence ran out while they still fire join an incident.
      evaluate: async () => {
        await evaluateRules({ health: false });
        await healthLane(() => evaluateHealthRules());
        await surfaceUnsilenced().catch((e) => console.error(`[alerts] routing alerts whose silence ended failed: ${(e as Error).message}`));
      },
      recorded,
    },
    { ...DEFAULT_POLLER_OPTIONS, concurrency: env.SITREP_POLL_CONCURRENCY, maxBytes: env.SITREP_POLL_MAX_BYTES, evaluateMs: env.SITREP_RULES_INTERVAL, ...options },
  );
  return { poller, record, targets, recorded };
}

const globalForPoller = globalThis as unknown as { sitrepPoller?: Poller };

/** Starts this process's poller (it polls only while it holds the leadership lock). */
export function startPoller(): Poller | null {
  if (getEnv().SITREP_POLLER === "off") return null;
  if (!globalForPoller.sitrepPoller) {
    globalForPoller.sitrepPoller = createPollerRuntime().poller;
    // No shutdown hook needed: when the process exits its lock connection closes, and the
    // database releases the lock for the next instance.
    globalForPoller.sitrepPoller.start();
  }
  return globalForPoller.sitrepPoller;
}
