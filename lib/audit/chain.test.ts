import { describe, expect, it } from "vitest";
import { auditSafe, canonicalJson, ChainVerifier, GENESIS_HASH, hashEntry, type StoredEntry } from "@/lib/audit/chain";

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: BigInt(i), at: new Date(Date.UTC(2026, 10, 25, 12, 0, i)), actorId: `u${i % 3}`, actorLabel: `user${i % 3}@x.test`,
      verb: "user.create", targetType: "user", targetId: `t${i}`, before: null, after: { i, nested: { b: 1, a: [1, "x"] } }, prevHash: prev,
    };
    const hash = hashEntry(fields);
    out.push({ ...fields, hash });
    prev = hash;
  }
  return out;
}

const verify = (entries: StoredEntry[], head = { seq: entries.at(-1)?.seq ?? 0n, hash: entries.at(-1)?.hash ?? GENESIS_HASH }) => {
  const v = new ChainVerifier();
  v.feed(entries);
  return v.finish(head);
};

describe("canonicalJson", () => {
  it("sorts keys at every level, so jsonb's reordering does not change the hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: undefined })).toBe('{"x":1}');
  });
});

describe("ChainVerifier", () => {
  it("accepts an intact chain, fed in batches", () => {
    const entries = chain(10);
    const v = new ChainVerifier();
    v.feed(entries.slice(0, 4));
    v.feed(entries.slice(4));
    expect(v.finish({ seq: 10n, hash: entries[9].hash })).toEqual({ ok: true, count: 10, lastSeq: 10n });
  });

  it("accepts the empty chain at genesis", () => {
    expect(verify([], { seq: 0n, hash: GENESIS_HASH })).toEqual({ ok: true, count: 0, lastSeq: 0n });
  });

  it("names an edited entry", () => {
    const entries = chain(6);
    entries[3] = { ...entries[3], after: { i: 999 } };
    const r = verify(entries);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.seq).toBe(4n);
      expect(r.problem.message).toMatch(/#4 was altered/);
      expect(r.count).toBe(3);
    }
  });

  it("names an edit to any hashed field, including the time and the actor", () => {
    for (const patch of [{ at: new Date(0) }, { actorLabel: "mallory" }, { verb: "x" }, { targetId: null }]) {
      const entries = chain(3);
      entries[1] = { ...entries[1], ...patch };
      const r = verify(entries);
      expect(r.ok ? null : r.problem.seq).toBe(2n);
    }
  });

  it("names a deleted entry in the middle", () => {
    const entries = chain(6);
    entries.splice(2, 1);
    const r = verify(entries);
    expect(r.ok ? null : r.problem).toEqual({ seq: 3n, message: expect.stringMatching(/#3 is missing/) });
  });

  it("notices entries cut off the end through the recorded head", () => {
    const entries = chain(6);
    const head = { seq: 6n, hash: entries[5].hash };
    const r = verify(entries.slice(0, 4), head);
    expect(r.ok ? null : r.problem.message).toMatch(/#5–#6 are missing from the end/);
  });

  it("names reordered entries (swapped sequence numbers)", () => {
    const entries = chain(5);
    const [a, b] = [entries[1], entries[2]];
    entries[1] = { ...b, seq: 2n };
    entries[2] = { ...a, seq: 3n };
    const r = verify(entries);
    expect(r.ok ? null : r.problem.seq).toBe(2n);
  });

  it("names an entry recomputed with a correct hash but a broken link", () => {
    const entries = chain(4);
    const forged = { ...entries[2], prevHash: GENESIS_HASH };
    entries[2] = { ...forged, hash: hashEntry(forged) };
    const r = verify(entries);
    expect(r.ok ? null : r.problem.message).toMatch(/#3 does not link to entry #2/);
  });

  it("reports a missing head row", () => {
    const v = new ChainVerifier();
    v.feed(chain(2));
    expect(v.finish(null)).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/head/) } });
  });
});

describe("auditSafe", () => {
  it("masks secrets at any depth and turns dates into strings", () => {
    const out = auditSafe({ email: "a@b.c", password: "hunter2", nested: { apiKey: "k", token: "t", list: [{ clientSecret: "s" }] }, at: new Date(0), n: 10n });
    expect(out).toEqual({
      email: "a@b.c", password: "[redacted]",
      nested: { apiKey: "[redacted]", token: "[redacted]", list: [{ clientSecret: "[redacted]" }] },
      at: "1970-01-01T00:00:00.000Z", n: "10",
    });
  });

  it("drops NUL characters, which jsonb cannot store", () => {
    expect(auditSafe({ note: "a\u0000b", odd: "x\ud800y" })).toEqual({ note: "ab", odd: "x\ufffdy" });
    expect(auditSafe({ privateKey: "k", awsAccessKey: "k", credentials: { a: 1 } })).toEqual({ privateKey: "[redacted]", awsAccessKey: "[redacted]", credentials: "[redacted]" });
  });

  it("keeps evidence hashes (what an approval covered) and masks password hashes", () => {
    const targetHash = "ab".repeat(32);
    expect(auditSafe({ targetHash, outputDigest: "cd", passwordHash: "scrypt$x", password_hash: "y" })).toEqual({ targetHash, outputDigest: "cd", passwordHash: "[redacted]", password_hash: "[redacted]" });
  });
});
