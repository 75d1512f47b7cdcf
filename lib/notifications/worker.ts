import "server-only";
import { db } from "@/lib/db";
import { MAX_ATTEMPTS, retryDelay } from "./backoff";
import { publicOrigin } from "./origin";
import type { Payload } from "./payload";
import { ChannelUnavailable, deliverTo, resolveTarget, type Outcome } from "./send";

// Delivery, in every app instance. A row is claimed by one UPDATE over FOR UPDATE SKIP LOCKED,
// which marks it "sending" with a lease (nextAttemptAt = now + lease) and counts the attempt: two
// instances never claim the same row, and a row whose instance died mid-send is claimed again
// once its lease is over. Delivery is therefore at least once (a crash between the receiver's
// 200 and our write resends it): receivers dedupe on X-Sitrep-Delivery.
// Each channel has one delivery in flight at a time, oldest first, across all instances: Slack
// shows "declared, P1 → P2, resolved" in that order, and a webhook is posted to at the pace it
// answers (Slack itself accepts about one message a second per webhook). A row waiting for its
// retry does not hold back the newer ones behind it.

export type WorkerOptions = { pollMs: number; batch: number; leaseMs: number; timeoutMs: number; origin?: () => string; random?: () => number };
export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { pollMs: 2_000, batch: 20, leaseMs: 60_000, timeoutMs: 10_000 };

type Claimed = { id: bigint; channelKey: string; channelName: string; payload: Payload; attempts: number; lastError: string | null };

async function claim(opts: WorkerOptions, only?: bigint): Promise<Claimed[]> {
  const lease = new Date(Date.now() + opts.leaseMs);
  const id = only ?? null;
  return db.$queryRaw<Claimed[]>`
    UPDATE "Notification" SET "status" = 'sending', "attempts" = "attempts" + 1, "nextAttemptAt" = ${lease}
    WHERE "id" IN (
      SELECT n."id" FROM "Notification" n
      WHERE n."id" IN (
          SELECT min("id") FROM "Notification"
          WHERE "status" IN ('pending', 'sending') AND "nextAttemptAt" <= now()
            AND "channelKey" NOT IN (SELECT "channelKey" FROM "Notification" WHERE "status" = 'sending' AND "nextAttemptAt" > now())
          GROUP BY "channelKey")
        -- checked again on the row as locked: another instance may have claimed it meanwhile
        AND n."status" IN ('pending', 'sending') AND n."nextAttemptAt" <= now()
        AND (${id}::bigint IS NULL OR n."id" = ${id}::bigint)
      ORDER BY n."nextAttemptAt" LIMIT ${opts.batch} FOR UPDATE SKIP LOCKED)
    RETURNING "id", "channelKey", "channelName", "payload", "attempts", "lastError"`;
}

type Result = { status: "delivered" | "pending" | "failed"; lastStatus: number | null; lastError: string | null; nextAttemptAt?: Date };

function decide(row: Claimed, outcome: Outcome, opts: WorkerOptions): Result {
  if (outcome.ok) return { status: "delivered", lastStatus: outcome.status, lastError: null };
  if (outcome.permanent) return { status: "failed", lastStatus: outcome.status, lastError: outcome.error };
  const backoff = retryDelay(row.attempts, opts.random);
  // A receiver's own Retry-After wins (at least a second: "Retry-After: 0" must not spin).
  const delay = backoff === null ? null : Math.max(1_000, outcome.retryAfterMs ?? backoff);
  if (delay === null) return { status: "failed", lastStatus: outcome.status, lastError: `${outcome.error} (gave up after ${row.attempts} attempts)` };
  return { status: "pending", lastStatus: outcome.status, lastError: outcome.error, nextAttemptAt: new Date(Date.now() + delay) };
}

async function attempt(row: Claimed, opts: WorkerOptions): Promise<Result> {
  // A row claimed again after its sender died, with no attempts left.
  if (row.attempts > MAX_ATTEMPTS) return { status: "failed", lastStatus: null, lastError: `${row.lastError ?? "its last attempt was cut off"} (gave up after ${MAX_ATTEMPTS} attempts)` };
  let outcome: Outcome;
  try {
    const target = await resolveTarget(row.channelKey);
    outcome = await deliverTo(target, row.payload, row.id.toString(), (opts.origin ?? (() => publicOrigin().origin))(), opts.timeoutMs);
  } catch (e) {
    if (!(e instanceof ChannelUnavailable)) console.error(`[notifications] delivery ${row.id} to "${row.channelName}" failed unexpectedly`, e);
    outcome = e instanceof ChannelUnavailable
      ? { ok: false, status: null, error: e.message, permanent: true }
      : { ok: false, status: null, error: "Sitrep could not send it (see the server log)", permanent: false };
  }
  return decide(row, outcome, opts);
}

/** Writes the attempt's end, unless the row was claimed again meanwhile (its lease ran out). */
async function finish(row: Claimed, r: Result) {
  await db.notification.updateMany({
    where: { id: row.id, status: "sending", attempts: row.attempts },
    data: {
      status: r.status, lastStatus: r.lastStatus, lastError: r.lastError,
      ...(r.status === "delivered" ? { deliveredAt: new Date() } : {}),
      ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
    },
  });
  if (r.status !== "delivered") console.warn(`[notifications] delivery ${row.id} (${row.payload.event}) to "${row.channelName}": ${r.lastError}${r.status === "pending" ? `; retrying at ${r.nextAttemptAt!.toISOString()}` : "; gave up"}`);
}

async function run(row: Claimed, opts: WorkerOptions) {
  const r = await attempt(row, opts);
  await finish(row, r);
  return r;
}

/** Claims and delivers what is due, round after round (one row per channel each); returns how many were attempted. */
export async function deliverDue(opts: WorkerOptions = DEFAULT_WORKER_OPTIONS, maxRounds = 100): Promise<number> {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const rows = await claim(opts);
    if (!rows.length) break;
    await Promise.all(rows.map((row) => run(row, opts)));
    total += rows.length;
  }
  return total;
}

/** One row, now (Send test, Retry now): null when it is not due or another instance has it. */
export async function deliverNow(id: bigint, opts: WorkerOptions = DEFAULT_WORKER_OPTIONS): Promise<Result | null> {
  const [row] = await claim({ ...opts, batch: 1 }, id);
  return row ? run(row, opts) : null;
}

export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: WorkerOptions = DEFAULT_WORKER_OPTIONS) {}

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  /** Looks soon (an enqueue's transaction commits right after it), on top of the regular poll. */
  wake(delayMs = 150) {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(delayMs);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  async tick() {
    if (this.running) return this.running;
    this.running = (async () => {
      do {
        this.again = false;
        await deliverDue(this.opts).catch((e) => console.error("[notifications] delivery round failed", e));
      } while (this.again && !this.stopped);
    })();
    await this.running;
    this.running = null;
    if (!this.stopped) this.schedule(this.opts.pollMs);
  }
}
