import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/users/mutations";
import { ConflictError } from "@/lib/errors";
import { uniqueEmail, withPg } from "@/lib/testing/db";

const password = "a-long-enough-password";
const newUser = (role: "viewer" | "responder" | "admin") =>
  createUser({ id: null, label: "integration-test" }, { email: uniqueEmail(role), name: `Test ${role}`, role, password });

describe("user administration", () => {
  it("writes one audit entry per change, with before and after, and never the password", async () => {
    const admin = await newUser("admin");
    const target = await newUser("viewer");
    const actor = { id: admin.id, label: admin.email };
    await changeUserRole(actor, target.id, "responder");
    await resetUserPassword(actor, target.id, "another-long-password");
    await setUserActive(actor, target.id, false);

    const entries = await db.auditEntry.findMany({ where: { targetId: target.id }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.verb)).toEqual(["user.create", "user.role.change", "user.password.reset", "user.deactivate"]);
    expect(entries[1]).toMatchObject({ actorId: admin.id, before: { role: "viewer" }, after: { role: "responder" } });
    const everything = JSON.stringify(entries.map((e) => [e.before, e.after]));
    expect(everything).not.toContain(password);
    expect(everything).not.toContain("another-long-password");
    expect(everything).not.toContain("scrypt$");
  });

  it("deactivation and password resets revoke existing sessions for good (session version)", async () => {
    const admin = await newUser("admin");
    const target = await newUser("responder");
    const actor = { id: admin.id, label: admin.email };
    const version = async () => (await db.user.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion;
    expect(await version()).toBe(0);
    await setUserActive(actor, target.id, false);
    await setUserActive(actor, target.id, true);
    expect(await version()).toBe(1);
    await resetUserPassword(actor, target.id, "yet-another-password");
    expect(await version()).toBe(2);
    await changeUserRole(actor, target.id, "viewer");
    expect(await version()).toBe(2);
  });

  it("an unchanged role writes nothing", async () => {
    const admin = await newUser("admin");
    const target = await newUser("responder");
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await changeUserRole({ id: admin.id, label: admin.email }, target.id, "responder");
    expect(await db.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(head);
  });

  it("refuses to deactivate yourself", async () => {
    const admin = await newUser("admin");
    await expect(setUserActive({ id: admin.id, label: admin.email }, admin.id, false)).rejects.toThrow(/your own account/);
  });

  describe("with a single active admin", () => {
    let sole: { id: string; email: string };
    let others: string[] = [];
    beforeAll(async () => {
      sole = await newUser("admin");
      // Park every other active admin for the duration of this block (restored in afterAll).
      others = await withPg(async (pg) => {
        const r = await pg.query(`UPDATE "User" SET active = false WHERE role = 'admin' AND active AND id <> $1 RETURNING id`, [sole.id]);
        return r.rows.map((row: { id: string }) => row.id);
      });
    });
    afterAll(async () => {
      await withPg((pg) => pg.query(`UPDATE "User" SET active = true WHERE id = ANY($1)`, [others]));
    });

    it("two concurrent demotions of the last two admins: exactly one wins", async () => {
      const second = await newUser("admin");
      const actor = { id: null, label: "integration-test" };
      const results = await Promise.allSettled([changeUserRole(actor, sole.id, "viewer"), changeUserRole(actor, second.id, "viewer")]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await db.user.count({ where: { role: "admin", active: true } })).toBe(1);
      // Put things back for the next test: the survivor stays, the demoted one returns.
      const demoted = results[0].status === "fulfilled" ? sole.id : second.id;
      await changeUserRole(actor, demoted, "admin");
      await setUserActive(actor, second.id, false);
    });

    it("refuses to demote or deactivate the last active admin", async () => {
      const actor = { id: null, label: "integration-test" };
      await expect(changeUserRole(actor, sole.id, "viewer")).rejects.toBeInstanceOf(ConflictError);
      await expect(setUserActive(actor, sole.id, false)).rejects.toThrow(/last active admin/);
      expect(await db.user.findUniqueOrThrow({ where: { id: sole.id } })).toMatchObject({ role: "admin", active: true });
    });
  });
});
