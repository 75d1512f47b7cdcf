import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/mutations";
import { listAuditEntries, verifyAuditChain } from "@/lib/audit/queries";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { createUser } from "@/lib/users/mutations";
import { ConflictError } from "@/lib/errors";
import { uniqueEmail, withPg } from "@/lib/testing/db";

const actor = { id: null, label: "integration-test" };

function runVerify() {
  const r = spawnSync("npm", ["run", "-s", "audit:verify"], { encoding: "utf8", env: process.env });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("audit chain", () => {
  it("20 concurrent audited writes leave one unforked chain that verifies", async () => {
    const before = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const tag = uniqueEmail("concurrent");
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction((tx) => appendAudit(tx, { actor, verb: "test.concurrent", target: { type: "test", id: `${tag}-${i}` } })),
      ),
    );
    const rows = await db.auditEntry.findMany({ where: { seq: { gt: before.seq } }, orderBy: { seq: "asc" } });
    const ours = rows.filter((r) => r.targetId?.startsWith(tag));
    expect(ours).toHaveLength(20);
    // One chain: contiguous sequence numbers, each entry linked to the one before it.
    let prev = before;
    for (const row of rows) {
      expect(row.seq).toBe(prev.seq + 1n);
      expect(row.prevHash).toBe(prev.hash);
      prev = { id: 1, seq: row.seq, hash: row.hash };
    }
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("audit:verify fails naming an entry edited through SQL, and passes once it is restored", async () => {
    const user = await createUser(actor, { email: uniqueEmail("tamper"), name: "Tamper Target", role: "viewer", password: "a-long-enough-password" });
    const entry = await db.auditEntry.findFirstOrThrow({ where: { targetId: user.id, verb: "user.create" } });
    expect(runVerify()).toMatchObject({ code: 0 });

    await withPg(async (pg) => {
      // The append-only trigger refuses edits; only a superuser switching triggers off gets through.
      await expect(pg.query(`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = $1`, [entry.seq])).rejects.toThrow(/append-only/);
      // SET LOCAL, inside a transaction: the embedded PGlite is one session shared by every
      // connection, and a plain SET would switch the triggers off for everyone.
      const bypassTriggers = async (sql: string, params: unknown[]) => {
        await pg.query("BEGIN");
        await pg.query("SET LOCAL session_replication_role = replica");
        await pg.query(sql, params);
        await pg.query("COMMIT");
      };
      await bypassTriggers(`UPDATE "AuditEntry" SET "actorLabel" = 'mallory' WHERE seq = $1`, [entry.seq]);
      try {
        const r = runVerify();
        expect(r.code).toBe(1);
        expect(r.out).toContain(`BROKEN at entry #${entry.seq}`);
        expect(r.out).toMatch(/was altered/);
      } finally {
        await bypassTriggers(`UPDATE "AuditEntry" SET "actorLabel" = $2 WHERE seq = $1`, [entry.seq, entry.actorLabel]);
      }
    });
    expect(runVerify()).toMatchObject({ code: 0 });
  });

  it("filters by actor, verb, target (id or email) and time, newest first", async () => {
    const email = uniqueEmail("filter");
    const user = await createUser({ id: null, label: "filter-actor" }, { email, name: "Filter", role: "viewer", password: "a-long-enough-password" });
    const list = async (q: Record<string, string>) => (await listAuditEntries(auditFilterSchema.parse(q))).entries;
    expect((await list({ target: email.toUpperCase() })).map((e) => e.targetId)).toEqual([user.id]);
    expect((await list({ target: user.id, verb: "user.create", actor: "filter-act" })).map((e) => e.verb)).toEqual(["user.create"]);
    const at = (await list({ target: user.id }))[0].at;
    expect(await list({ target: user.id, to: new Date(at.getTime() - 1000).toISOString() })).toEqual([]);
    expect(await list({ target: user.id, from: new Date(at.getTime() - 1000).toISOString() })).toHaveLength(1);
  });

  it("refuses an entry that does not extend the chain head (forged or spliced rows)", async () => {
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await withPg(async (pg) => {
      const insert = (seq: bigint, prevHash: string) =>
        pg.query(`INSERT INTO "AuditEntry" (seq, at, "actorLabel", verb, "targetType", "prevHash", hash) VALUES ($1, now(), 'mallory', 'x', 'x', $2, md5(random()::text))`, [seq, prevHash]);
      await expect(insert(head.seq + 5n, head.hash)).rejects.toThrow(/does not extend the chain head/);
      await expect(insert(head.seq + 1n, "f".repeat(64))).rejects.toThrow(/does not extend the chain head/);
    });
  });

  it("refuses DELETE and TRUNCATE on the audit table", async () => {
    await withPg(async (pg) => {
      await expect(pg.query(`DELETE FROM "AuditEntry" WHERE seq = (SELECT max(seq) FROM "AuditEntry")`)).rejects.toThrow(/append-only/);
      await expect(pg.query(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    });
  });

  it("a failed change writes no audit entry (same transaction)", async () => {
    const email = uniqueEmail("dup");
    await createUser(actor, { email, name: "First", role: "viewer", password: "a-long-enough-password" });
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await expect(createUser(actor, { email, name: "Second", role: "admin", password: "a-long-enough-password" })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(head);
  });

  it("rolls the change back when the audit write fails", async () => {
    const email = uniqueEmail("rollback");
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email, name: "Ghost", role: "viewer" } });
        // A NOT NULL violation inside appendAudit stands for any failure of the audit write.
        await appendAudit(tx, { actor, verb: "test.rollback", target: { type: null as unknown as string } });
      }),
    ).rejects.toThrow();
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });
});
