// The poller: checks each catalog service at its interval, on its own slot within it, in one of
// two lanes of bounded concurrency (dispatch.ts), and writes what each tick brought in one
// transaction. Only the instance holding the leadership lock polls (see leadership.ts).
import type { CheckLimits, CheckResult, CheckTarget } from "@/lib/health/check";
import { Dispatcher, type Concurrency } from "@/lib/health/dispatch";
import type { StatusChange } from "@/lib/health/store";

export type PollerDeps = {
  /** null: always active (a single process: the benchmark, tests) */
  leadership: { tryAcquire(): Promise<boolean>; release(): Promise<void> } | null;
  /** the targets in force; called every tick, so it must be cheap (cached) */
  targets(): Promise<CheckTarget[]>;
  record(results: CheckResult[]): Promise<StatusChange[]>;
  /** housekeeping (retention, downsampling), run by the leader now and then */
  maintain?(): Promise<void>;
  /** threshold rules, evaluated by the leader every `evaluateMs`, beside the polling */
  evaluate?(): Promise<void>;
  /**
   * What the leader does with a batch it just recorded (judge health rules at once). One call at
   * a time, never holding up the checks; batches recorded meanwhile are passed together next.
   */
  recorded?(results: CheckResult[], changes: StatusChange[]): Promise<void>;
  log?: Pick<Console, "info" | "warn" | "error">;
};

export type PollerOptions = {
  /** slots per lane (fast, slow): "auto" sizes them to the catalog */
  concurrency: Concurrency;
  maxBytes: number;
  tickMs: number;
  leaderCheckMs: number;
  maintainMs: number;
  evaluateMs: number;
};
export const DEFAULT_POLLER_OPTIONS: PollerOptions = {
  concurrency: "auto",
  maxBytes: 1_048_576,
  tickMs: 500,
  leaderCheckMs: 5_000,
  maintainMs: 600_000,
  evaluateMs: 15_000,
};

/**
 * The most check results written in one transaction: a tick of 2,000 services at 15 s brings ~70,
 * one of their first sweep ~500. A backlog is written in several, each quick enough to commit.
 */
export const MAX_BATCH = 500;

export class Poller {
  private buffer: CheckResult[] = [];
  private flushing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private abort = new AbortController();
  private leader = false;
  private lastLeaderCheck = 0;
  private lastMaintain = 0;
  private lastEvaluate = 0;
  private evaluating: Promise<void> | null = null;
  private reacting: Promise<void> | null = null;
  private unreacted: { results: CheckResult[]; changes: StatusChange[] } | null = null;
  private ticking = false;
  readonly dispatcher: Dispatcher;
  private readonly log: Pick<Console, "info" | "warn" | "error">;

  constructor(private deps: PollerDeps, private opts: PollerOptions = DEFAULT_POLLER_OPTIONS) {
    this.dispatcher = new Dispatcher(opts.concurrency, () => this.limits());
    this.log = deps.log ?? console;
  }

  get isLeader() {
    return this.leader;
  }

  start() {
    if (this.timer) return;
    this.abort = new AbortController();
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref?.();
    void this.tick();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    const flushed = (async () => {
      while (this.flushing || this.buffer.length) await this.flush();
    })();
    await Promise.all([flushed, this.evaluating]);
    await this.reacting;
    await this.deps.leadership?.release();
    this.leader = false;
  }

  /**
   * Checks every target once, now, and records the results: one full poll round. Results are
   * written as they arrive, one write at a time (what arrives meanwhile joins the next), so the
   * round ends soon after its slowest check.
   */
  async pollOnce(targets: CheckTarget[]): Promise<CheckResult[]> {
    this.dispatcher.adopt(targets);
    const all: CheckResult[] = [];
    const pending: CheckResult[] = [];
    let writing: Promise<void> | null = null;
    let failed: Error | null = null;
    const drain = async () => {
      try {
        while (pending.length) await this.deps.record(pending.splice(0, MAX_BATCH));
      } catch (e) {
        failed ??= e as Error;
      }
    };
    const write = () => void (writing ??= drain().finally(() => (writing = null)));
    await Promise.all(targets.map(async (t) => {
      const r = await this.dispatcher.check(t);
      all.push(r);
      pending.push(r);
      write();
    }));
    while (writing) await writing;
    await drain();
    if (failed) throw failed;
    return all;
  }

  private limits(): CheckLimits {
    return { maxBytes: this.opts.maxBytes, signal: this.abort.signal };
  }

  private async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.checkLeadership();
      if (!this.leader) return;
      this.schedule(await this.deps.targets());
      void this.flush();
      this.maybeEvaluate();
      await this.maybeMaintain();
    } catch (e) {
      this.log.error(`[poller] ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  private async checkLeadership() {
    const now = Date.now();
    if (!this.deps.leadership) return void (this.leader = true);
    if (now - this.lastLeaderCheck < this.opts.leaderCheckMs) return;
    this.lastLeaderCheck = now;
    const was = this.leader;
    this.leader = await this.deps.leadership.tryAcquire();
    // A new leader checks everything at once: it knows nothing of its predecessor's schedule.
    if (this.leader && !was) this.dispatcher.reset();
  }

  private schedule(targets: CheckTarget[]) {
    this.dispatcher.adopt(targets);
    this.dispatcher.dispatch(targets, Date.now(), (r) => {
      if (this.leader && !this.abort.signal.aborted) this.buffer.push(r);
    });
  }

  /**
   * Writes what the ticks since the last write brought, in one transaction (at most MAX_BATCH
   * results: a write slower than the transaction's timeout would fail, and the next, bigger one
   * with it). One write at a time; a full buffer is written again at once.
   */
  private flush(): Promise<void> {
    if (this.flushing || !this.buffer.length) return this.flushing ?? Promise.resolve();
    const batch = this.buffer.splice(0, MAX_BATCH);
    this.flushing = this.deps
      .record(batch)
      .then((changes) => this.react(batch, changes))
      .catch((e) => this.log.error(`[poller] could not record ${batch.length} check(s): ${(e as Error).message}`))
      .finally(() => {
        this.flushing = null;
        if (this.buffer.length >= MAX_BATCH) void this.flush();
      });
    return this.flushing;
  }

  private react(results: CheckResult[], changes: StatusChange[]) {
    if (!this.deps.recorded) return;
    const next = this.unreacted ?? { results: [], changes: [] };
    next.results.push(...results);
    next.changes.push(...changes);
    this.unreacted = next;
    // Started with a batch waiting, so it awaits before its `finally` clears `reacting`.
    this.reacting ??= this.drainReactions();
  }

  private async drainReactions() {
    try {
      for (let next = this.unreacted; next; next = this.unreacted) {
        this.unreacted = null;
        await this.deps.recorded!(next.results, next.changes).catch((e) => this.log.error(`[poller] after recording checks: ${(e as Error).message}`));
      }
    } finally {
      // No await between the loop's last look and here: a batch arriving later starts a new drain.
      this.reacting = null;
    }
  }

  /** Not awaited: a slow rule (a PromQL server timing out) must not hold up the checks. */
  private maybeEvaluate() {
    if (!this.deps.evaluate || this.evaluating || Date.now() - this.lastEvaluate < this.opts.evaluateMs) return;
    this.lastEvaluate = Date.now();
    this.evaluating = this.deps
      .evaluate()
      .catch((e) => this.log.error(`[poller] rule evaluation failed: ${(e as Error).message}`))
      .finally(() => { this.evaluating = null; });
  }

  private async maybeMaintain() {
    if (!this.deps.maintain || Date.now() - this.lastMaintain < this.opts.maintainMs) return;
    this.lastMaintain = Date.now();
    await this.deps.maintain().catch((e) => this.log.error(`[poller] housekeeping failed: ${(e as Error).message}`));
  }
}
