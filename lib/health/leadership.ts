// Exactly one active poller per deployment: the instance holding a PostgreSQL session advisory
// lock polls. The lock lives as long as its connection, so when that instance dies its
// connection drops, the lock is released, and another instance's next attempt takes it.
import pg from "pg";

export const POLLER_LOCK_KEY = 7_265_312_001; // arbitrary, fixed: "the Sitrep poller"

export type LeadershipLog = Pick<Console, "info" | "warn">;

export class Leadership {
  private client: pg.Client | null = null;
  private held = false;

  constructor(private url: string, private log: LeadershipLog = console, private key = POLLER_LOCK_KEY) {}

  get isLeader() {
    return this.held;
  }

  /** Takes the lock if it is free; true while this instance holds it. Never throws. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return this.heartbeat();
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url, keepAlive: true, application_name: "sitrep-poller-lock" });
        client.on("error", (e) => this.lost(`lock connection failed: ${e.message}`));
        client.on("end", () => this.lost("lock connection closed"));
        await client.connect();
        this.client = client;
      }
      const { rows } = await this.client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [this.key]);
      this.held = rows[0]?.ok === true;
      if (this.held) this.log.info("[poller] this instance is now the active poller");
      return this.held;
    } catch (e) {
      this.lost(`cannot take the poller lock: ${(e as Error).message}`);
      return false;
    }
  }

  /** A leader checks its connection each tick: a dead one means another instance may lead. */
  private async heartbeat(): Promise<boolean> {
    try {
      await this.client!.query("SELECT 1");
      return true;
    } catch (e) {
      this.lost(`lock connection failed: ${(e as Error).message}`);
      return false;
    }
  }

  private lost(reason: string) {
    if (this.held) this.log.warn(`[poller] stepping down: ${reason}`);
    this.held = false;
    const c = this.client;
    this.client = null;
    c?.end().catch(() => {});
  }

  async release() {
    const c = this.client;
    this.client = null;
    this.held = false;
    if (!c) return;
    try {
      await c.query("SELECT pg_advisory_unlock_all()");
    } finally {
      await c.end().catch(() => {});
    }
  }
}
