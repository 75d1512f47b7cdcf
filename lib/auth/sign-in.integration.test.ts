import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createUser, setUserActive } from "@/lib/users/mutations";
import { uniqueEmail, uniqueIp } from "@/lib/testing/db";

const password = "the-right-password";
const actor = { id: null, label: "integration-test" };

async function user() {
  return createUser(actor, { email: uniqueEmail("signin"), name: "Sign In", role: "responder", password });
}

describe("signInWithPassword", () => {
  it("accepts the right password whatever the email's case, and audits it", async () => {
    const u = await user();
    const r = await signInWithPassword(u.email.toUpperCase(), password, uniqueIp());
    expect(r).toMatchObject({ ok: true, user: { id: u.id } });
    const last = await db.auditEntry.findFirstOrThrow({ where: { targetId: u.id }, orderBy: { seq: "desc" } });
    expect(last).toMatchObject({ verb: "auth.signin", actorId: u.id });
  });

  it("refuses a wrong password and an unknown email alike, auditing both", async () => {
    const u = await user();
    expect(await signInWithPassword(u.email, "wrong", uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    const ghost = uniqueEmail("ghost");
    expect(await signInWithPassword(ghost, "whatever", uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    const refused = await db.auditEntry.findFirstOrThrow({ where: { actorLabel: ghost }, orderBy: { seq: "desc" } });
    expect(refused).toMatchObject({ verb: "auth.signin.refused", after: { reason: "invalid" } });
    expect(JSON.stringify(refused.after)).not.toContain("whatever");
  });

  it("locks an account after 5 failures, even against the right password, from any address", async () => {
    const u = await user();
    for (let i = 0; i < 5; i++) expect(await signInWithPassword(u.email, `wrong-${i}`, uniqueIp())).toMatchObject({ reason: "invalid" });
    const r = await signInWithPassword(u.email, password, uniqueIp());
    expect(r).toMatchObject({ ok: false, reason: "locked" });
    expect(r.ok === false && r.reason === "locked" ? r.retryAfterMinutes : 0).toBeGreaterThanOrEqual(14);
  });

  it("parallel guesses cannot slip under the limit", async () => {
    const u = await user();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signInWithPassword(u.email, `wrong-${i}`, uniqueIp())));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(15);
  });

  it("a success resets the account's failure count", async () => {
    const u = await user();
    const ip = uniqueIp();
    for (let i = 0; i < 4; i++) await signInWithPassword(u.email, "wrong", ip);
    expect(await signInWithPassword(u.email, password, ip)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await signInWithPassword(u.email, "wrong", ip);
    expect(await signInWithPassword(u.email, password, ip)).toMatchObject({ ok: true });
  });

  it("locks a client address that fails across many existing accounts, even for the right password", async () => {
    const ip = uniqueIp();
    const targets = await Promise.all(Array.from({ length: 10 }, () => user()));
    for (const t of targets) for (let i = 0; i < 5; i++) await db.loginAttempt.create({ data: { email: t.email, ip, success: false } });
    const u = await user();
    expect(await signInWithPassword(u.email, password, ip)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signInWithPassword(u.email, password, uniqueIp())).toMatchObject({ ok: true });
  });

  it("failures with unknown emails do not lock a known account out from that address", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 52; i++) await db.loginAttempt.create({ data: { email: uniqueEmail("spray"), ip, success: false } });
    const u = await user();
    expect(await signInWithPassword(u.email, password, ip)).toMatchObject({ ok: true });
    // Everything else from that address is refused as locked: wrong passwords and unknown emails
    // alike, so the answer does not tell which accounts exist.
    expect(await signInWithPassword(u.email, "wrong", ip)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signInWithPassword(uniqueEmail("ghost"), "whatever", ip)).toMatchObject({ ok: false, reason: "locked" });
    // The wrong password still counts against the account.
    const counted = await db.loginAttempt.count({ where: { email: u.email, success: false } });
    expect(counted).toBe(1);
  });

  it("an approval's password check ignores the address limit but keeps the account's", async () => {
    const ip = uniqueIp();
    const targets = await Promise.all(Array.from({ length: 10 }, () => user()));
    for (const t of targets) for (let i = 0; i < 5; i++) await db.loginAttempt.create({ data: { email: t.email, ip, success: false } });
    const u = await user();
    expect(await signInWithPassword(u.email, password, ip, { perAddress: false })).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) await signInWithPassword(u.email, `wrong-${i}`, ip, { perAddress: false });
    expect(await signInWithPassword(u.email, password, ip, { perAddress: false })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("refuses a deactivated account with its own reason, only after the right password", async () => {
    const u = await user();
    await setUserActive(actor, u.id, false);
    expect(await signInWithPassword(u.email, "wrong", uniqueIp())).toMatchObject({ reason: "invalid" });
    expect(await signInWithPassword(u.email, password, uniqueIp())).toMatchObject({ reason: "deactivated" });
  });
});
