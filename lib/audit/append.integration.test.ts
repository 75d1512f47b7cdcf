import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/mutations";
import { verifyAuditChain } from "@/lib/audit/queries";
import { hashEntry } from "@/lib/audit/chain";
import { uniqueEmail } from "@/lib/testing/db";

const actor = { id: null, label: "append-test" };

async function entriesAfter(seq: bigint) {
  return db.auditEntry.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" } });
}

describe("the batched audit append", () => {
  it("the database hashes each entry exactly as hashEntry() does, whatever its contents", async () => {
    const before = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const tag = uniqueEmail("hash");
    const awkward = [
      { after: { nested: { prevHash: "x", seq: "9", z: [1, 2.5, null, true] }, "quote\"key": "line\nbreak" } },
      { before: { ünïcödé: "日本語 🚒", emoji: "\u{1F525}" }, after: null },
      { before: { n: -0.000123, big: 12345678901234 }, after: { list: [] } },
      { after: { password: "hunter2", nested: { apiKey: "k" } } },
    ];
    await db.$transaction(async (tx) => {
      for (const [i, extra] of awkward.entries()) {
        await appendAudit(tx, { actor, verb: "test.hash", target: { type: "test", id: `${tag}-${i}` }, ...extra });
      }
    });
    const rows = (await entriesAfter(before.seq)).filter((r) => r.targetId?.startsWith(tag));
    expect(rows).toHaveLength(awkward.length);
    for (const row of rows) expect(hashEntry(row)).toBe(row.hash);
    // Secrets are masked before they are hashed or stored.
    expect(JSON.stringify(rows[3].after)).not.toContain("hunter2");
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("a transaction's entries are appended together, in order, with consecutive seqs", async () => {
    const tag = uniqueEmail("batch");
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 25; i++) await appendAudit(tx, { actor, verb: "test.batch", target: { type: "test", id: `${tag}-${i}` } });
    });
    const rows = await db.auditEntry.findMany({ where: { targetId: { startsWith: tag } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.targetId)).toEqual(Array.from({ length: 25 }, (_, i) => `${tag}-${i}`));
    expect(rows.at(-1)!.seq - rows[0].seq).toBe(24n);
  });

  it("a transaction that rolls back leaves no entry and does not move the head", async () => {
    const before = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const tag = uniqueEmail("rollback");
    await expect(
      db.$transaction(async (tx) => {
        await appendAudit(tx, { actor, verb: "test.rollback", target: { type: "test", id: tag } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.auditEntry.count({ where: { targetId: tag } })).toBe(0);
    const after = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(after.seq >= before.seq).toBe(true);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("50 concurrent writers, each with work after its first entry, all succeed and leave one chain", async () => {
    const before = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const tag = uniqueEmail("fifty");
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.$transaction(async (tx) => {
          await appendAudit(tx, { actor, verb: "test.fifty", target: { type: "test", id: `${tag}-${i}-a` } });
          // Work after the first entry: before the rework this held the chain's lock.
          await tx.$queryRaw`SELECT pg_sleep(0.02)::text`;
          await appendAudit(tx, { actor, verb: "test.fifty", target: { type: "test", id: `${tag}-${i}-b` } });
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await entriesAfter(before.seq);
    expect(rows.filter((r) => r.targetId?.startsWith(tag))).toHaveLength(100);
    let prev = { seq: before.seq, hash: before.hash };
    for (const row of rows) {
      expect(row.seq).toBe(prev.seq + 1n);
      expect(row.prevHash).toBe(prev.hash);
      prev = row;
    }
    // A transaction's two entries are adjacent: its append was one statement.
    for (let i = 0; i < 50; i++) {
      const a = rows.find((r) => r.targetId === `${tag}-${i}-a`)!;
      const b = rows.find((r) => r.targetId === `${tag}-${i}-b`)!;
      expect(b.seq).toBe(a.seq + 1n);
    }
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

});
