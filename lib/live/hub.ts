// One poller per app instance, shared by every live connection of that instance. It tails the
// audit log (the change feed: every mutation appends an entry in its own transaction) and fans
// each change out as topics. It runs only while someone listens. No LISTEN/NOTIFY: the embedded
// PGlite cannot be relied on for it, and polling the shared database works across instances.
import { topicsFor, type LiveChange } from "@/lib/live/topics";
import type { AuditChange } from "@/lib/live/queries";

export type HubSource = {
  latestSeq(): Promise<bigint>;
  changesAfter(cursor: bigint, limit: number): Promise<AuditChange[]>;
  activeSessions(userIds: string[]): Promise<Map<string, number>>;
};

export type HubOptions = { pollMs: number; batch: number; maxSubscribers: number; maxPerUser: number; sessionCheckMs: number };

export type Subscriber = {
  userId: string;
  sessionVersion: number;
  onChange(change: LiveChange): void;
  /** The session ended (deactivated, signed out everywhere, password reset) or the subscriber failed. */
  onClose(reason: string): void;
};

export type Subscription = { ready: Promise<bigint>; unsubscribe(): void };

export const DEFAULT_HUB_OPTIONS: HubOptions = { pollMs: 250, batch: 500, maxSubscribers: 1000, maxPerUser: 50, sessionCheckMs: 60_000 };

export class LiveHub {
  private subs = new Set<Subscriber>();
  private cursor: bigint | null = null;
  private waiting: ((cursor: bigint) => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  /** Bumped on every start: a poll still in flight from before a stop/start is discarded. */
  private generation = 0;
  private lastSessionCheck = 0;
  private failures = 0;

  constructor(private source: HubSource, private opts: HubOptions = DEFAULT_HUB_OPTIONS, private log = console) {}

  get size() {
    return this.subs.size;
  }

  /** Null when this instance (or this user) has too many streams open. */
  subscribe(sub: Subscriber): Subscription | null {
    if (this.subs.size >= this.opts.maxSubscribers) return null;
    let mine = 0;
    for (const s of this.subs) if (s.userId === sub.userId) mine++;
    if (mine >= this.opts.maxPerUser) return null;
    this.subs.add(sub);
    // Changes delivered to `sub` from now on all have seq > the cursor the promise resolves to.
    const ready = this.cursor !== null ? Promise.resolve(this.cursor) : new Promise<bigint>((r) => this.waiting.push(r));
    this.start();
    return { ready, unsubscribe: () => this.unsubscribe(sub) };
  }

  private unsubscribe(sub: Subscriber) {
    this.subs.delete(sub);
    if (!this.subs.size) this.stop();
  }

  private start() {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.lastSessionCheck = Date.now();
    this.schedule(0);
  }

  private stop() {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Without listeners, nothing is tailed: the next subscriber starts from the then-current head.
    this.cursor = null;
  }

  private schedule(ms: number) {
    if (!this.running) return;
    const generation = this.generation;
    this.timer = setTimeout(() => void this.tick(generation), ms);
    this.timer.unref?.();
  }

  private async tick(generation: number) {
    this.timer = null;
    const stale = () => !this.running || generation !== this.generation;
    let next = this.opts.pollMs;
    try {
      if (this.cursor === null) {
        const head = await this.source.latestSeq();
        if (stale()) return;
        this.cursor = head;
        for (const resolve of this.waiting.splice(0)) resolve(head);
      } else {
        const rows = await this.source.changesAfter(this.cursor, this.opts.batch);
        if (stale()) return;
        for (const row of rows) this.publish(row);
        if (rows.length === this.opts.batch) next = 0; // behind: catch up at once
      }
      if (Date.now() - this.lastSessionCheck >= this.opts.sessionCheckMs) await this.checkSessions();
      if (this.failures) this.log.info(`[live] audit tail reachable again after ${this.failures} failed poll(s)`);
      this.failures = 0;
    } catch (error) {
      if (this.failures++ === 0) this.log.error("[live] polling the audit log failed; retrying", error);
      next = Math.min(5_000, this.opts.pollMs * 2 ** Math.min(this.failures, 5));
    }
    if (!stale()) this.schedule(next);
  }

  private publish(row: AuditChange) {
    this.cursor = row.seq;
    const topics = topicsFor(row);
    if (!topics.length) return;
    const change: LiveChange = { seq: Number(row.seq), topics, verb: row.verb };
    for (const sub of this.subs) {
      try {
        sub.onChange(change);
      } catch (error) {
        this.log.error("[live] a subscriber failed; closing it", error);
        this.close(sub, "error");
      }
    }
  }

  /** One query for every open stream: deactivated or revoked sessions are closed. */
  private async checkSessions() {
    this.lastSessionCheck = Date.now();
    const ids = [...new Set([...this.subs].map((s) => s.userId))];
    const active = await this.source.activeSessions(ids);
    for (const sub of [...this.subs]) {
      if (active.get(sub.userId) !== sub.sessionVersion) this.close(sub, "session-ended");
    }
  }

  private close(sub: Subscriber, reason: string) {
    this.unsubscribe(sub);
    sub.onClose(reason);
  }
}
