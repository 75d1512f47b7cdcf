// The audit log's hash chain, free of any database: hashing, canonical JSON and verification.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  verb: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
};

export type StoredEntry = ChainedFields & { hash: string };

/** JSON with object keys sorted at every level: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashEntry(e: ChainedFields): string {
  const body = canonicalJson({
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    verb: e.verb,
    targetType: e.targetType,
    targetId: e.targetId,
    before: e.before ?? null,
    after: e.after ?? null,
    prevHash: e.prevHash,
  });
  return createHash("sha256").update(body).digest("hex");
}

export type ChainProblem = { seq: bigint | null; message: string };
export type ChainReport = { ok: true; count: number; lastSeq: bigint } | { ok: false; count: number; problem: ChainProblem };

/**
 * Walks entries in seq order, batch by batch, and stops at the first bad one.
 * `head` is the chain tip recorded beside the log: it catches entries cut off the end.
 */
export class ChainVerifier {
  private expectedSeq = 1n;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private problem: ChainProblem | null = null;

  get failed() {
    return this.problem !== null;
  }

  feed(entries: StoredEntry[]): void {
    for (const e of entries) {
      if (this.problem) return;
      this.problem = this.check(e);
      if (this.problem) return;
      this.count++;
      this.expectedSeq = e.seq + 1n;
      this.prevHash = e.hash;
    }
  }

  finish(head: { seq: bigint; hash: string } | null): ChainReport {
    if (!this.problem && !head) {
      this.problem = { seq: null, message: "the chain head record (AuditHead) is missing" };
    }
    if (!this.problem && head) {
      const last = this.expectedSeq - 1n;
      if (head.seq !== last || head.hash !== this.prevHash) {
        this.problem =
          head.seq > last
            ? { seq: last + 1n, message: `entries #${last + 1n}–#${head.seq} are missing from the end of the log (deleted)` }
            : { seq: head.seq, message: `the recorded chain head (#${head.seq}) does not match the last entry (#${last})` };
      }
    }
    if (this.problem) return { ok: false, count: this.count, problem: this.problem };
    return { ok: true, count: this.count, lastSeq: this.expectedSeq - 1n };
  }

  private check(e: StoredEntry): ChainProblem | null {
    if (e.seq < this.expectedSeq) {
      return { seq: e.seq, message: `entry #${e.seq} appears out of order (after #${this.expectedSeq - 1n})` };
    }
    if (e.seq > this.expectedSeq) {
      const range = e.seq - 1n === this.expectedSeq ? `#${this.expectedSeq} is` : `#${this.expectedSeq}–#${e.seq - 1n} are`;
      return { seq: this.expectedSeq, message: `entry ${range} missing (deleted); the log jumps to #${e.seq}` };
    }
    if (e.prevHash !== this.prevHash) {
      return { seq: e.seq, message: `entry #${e.seq} does not link to entry #${e.seq - 1n} (reordered or replaced)` };
    }
    if (hashEntry(e) !== e.hash) {
      return { seq: e.seq, message: `entry #${e.seq} was altered: its contents no longer match its hash` };
    }
    return null;
  }
}

/**
 * Keys whose values never enter the audit log in clear. A password hash is caught by "pass";
 * other hashes (the target hash an approval covers, an output digest) are evidence and stay.
 */
const SECRET_KEY = /pass(word|phrase)?|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credential|authorization|cookie|session/i;

/** Copies a value as plain JSON (Dates become ISO strings) with secret-looking fields masked. */
export function auditSafe(value: unknown): unknown {
  if (value === undefined) return null;
  const plain = JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  const mask = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(mask);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) ? "[redacted]" : mask(x)]));
    }
    // PostgreSQL's jsonb cannot hold NUL characters; dropping them keeps a change from failing.
    // (nor lone UTF-16 surrogates).
    return typeof v === "string" ? v.replaceAll("\u0000", "").toWellFormed() : v;
  };
  return mask(plain);
}
