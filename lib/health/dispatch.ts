// Which checks start now, and in which lane. Each service is due on its own slot (schedule.ts);
// a target whose last check timed out waits for a slot in the slow lane, which has slots of its
// own, so a few hundred hanging endpoints never hold up the checks that answer in milliseconds.
import { runCheck, type CheckLimits, type CheckResult, type CheckTarget } from "@/lib/health/check";
import { createLimiter } from "@/lib/health/limiter";
import { firstDue, isSlow, nextDue, slotsFor } from "@/lib/health/schedule";

/** Slots per lane: sized to the catalog, or a fixed number. */
export type Concurrency = number | "auto";
type Lane = ReturnType<typeof createLimiter>;
export type LaneStats = { slots: number; active: number };

export class Dispatcher {
  private due = new Map<string, number>();
  private inflight = new Set<string>();
  private slow = new Set<string>();
  private readonly fast: Lane;
  private readonly slowLane: Lane;
  private adopted: CheckTarget[] | null = null;

  constructor(private concurrency: Concurrency, private limits: () => CheckLimits) {
    const slots = concurrency === "auto" ? slotsFor([]) : concurrency;
    this.fast = createLimiter(slots);
    this.slowLane = createLimiter(slots);
  }

  /** Forgets every due time: a new leader checks everything within its first sweep, then on the slots. */
  reset() {
    this.due.clear();
  }

  stats(): { fast: LaneStats; slow: LaneStats; slowTargets: number } {
    const lane = (l: Lane) => ({ slots: l.limit, active: l.active });
    return { fast: lane(this.fast), slow: lane(this.slowLane), slowTargets: this.slow.size };
  }

  /** Whether the target's next check waits in the slow lane. */
  isSlow(slug: string) {
    return this.slow.has(slug);
  }

  /** Starts the check of every target due at `now`; each result goes to `deliver`. */
  dispatch(targets: CheckTarget[], now: number, deliver: (r: CheckResult) => void) {
    this.adopt(targets);
    for (const t of targets) {
      let due = this.due.get(t.slug);
      if (due === undefined) this.due.set(t.slug, (due = firstDue(t.slug, t.intervalMs, now)));
      if (this.inflight.has(t.slug) || due > now) continue;
      this.due.set(t.slug, nextDue(t.slug, t.intervalMs, now, due));
      this.inflight.add(t.slug);
      void this.check(t)
        .then(deliver)
        .finally(() => this.inflight.delete(t.slug));
    }
  }

  /** One check in the target's lane; how long it took decides its lane next time. */
  async check(t: CheckTarget): Promise<CheckResult> {
    const lane = this.slow.has(t.slug) ? this.slowLane : this.fast;
    return lane(async () => {
      const started = performance.now();
      const result = await runCheck(t, this.limits());
      if (isSlow(t, performance.now() - started)) this.slow.add(t.slug);
      else this.slow.delete(t.slug);
      return result;
    });
  }

  /**
   * A new targets list (the catalog changed; the runtime caches it, so identity says so): sizes
   * the lanes to it and forgets services that left it.
   */
  adopt(targets: CheckTarget[]) {
    if (targets === this.adopted) return;
    this.adopted = targets;
    if (this.concurrency === "auto") {
      const slots = slotsFor(targets);
      this.fast.resize(slots);
      this.slowLane.resize(slots);
    }
    const live = new Set(targets.map((t) => t.slug));
    for (const slug of this.due.keys()) if (!live.has(slug)) this.due.delete(slug);
    for (const slug of this.slow) if (!live.has(slug)) this.slow.delete(slug);
  }
}
