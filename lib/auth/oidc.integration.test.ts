import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { syncOidcUser } from "@/lib/auth/oidc";
import { createUser } from "@/lib/users/mutations";
import { uniqueEmail } from "@/lib/testing/db";

describe("syncOidcUser", () => {
  it("creates a new user with the default role, and signs them in again later", async () => {
    const email = uniqueEmail("sso");
    const first = await syncOidcUser({ sub: "1", email, email_verified: true, name: "SSO User" });
    expect(first).not.toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "viewer", source: "oidc", passwordHash: null });
    expect(await syncOidcUser({ sub: "1", email })).toEqual(first);
  });

  it("refuses an email the provider says is unverified", async () => {
    const email = uniqueEmail("unverified");
    expect(await syncOidcUser({ sub: "2", email, email_verified: false })).toBeNull();
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("links to an existing password account only when the provider verified the email", async () => {
    const user = await createUser({ id: null, label: "test" }, { email: uniqueEmail("pw"), name: "Has Password", role: "admin", password: "a-long-enough-password" });
    expect(await syncOidcUser({ sub: "3", email: user.email })).toBeNull();
    expect(await syncOidcUser({ sub: "3", email: user.email, email_verified: true })).toMatchObject({ id: user.id });
  });

  it("refuses a deactivated user whatever the provider says", async () => {
    const email = uniqueEmail("gone");
    const created = await syncOidcUser({ sub: "4", email, email_verified: true });
    await db.user.update({ where: { id: created!.id }, data: { active: false } });
    expect(await syncOidcUser({ sub: "4", email, email_verified: true })).toBeNull();
  });
});
