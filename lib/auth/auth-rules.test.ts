import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { roleFromClaims } from "@/lib/auth/oidc-roles";
import { hasRole } from "@/lib/auth/roles";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/messages";

describe("passwords", () => {
  it("hash with a fresh salt and verify", async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
  });

  it("refuse a missing or malformed hash", async () => {
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
  });
});

describe("roles", () => {
  it("are ordered viewer < responder < admin", () => {
    expect(hasRole("admin", "responder")).toBe(true);
    expect(hasRole("responder", "responder")).toBe(true);
    expect(hasRole("viewer", "responder")).toBe(false);
    expect(hasRole("responder", "admin")).toBe(false);
  });
});

describe("roleFromClaims", () => {
  const map = { "sitrep-admins": "admin", oncall: "responder", staff: "viewer" } as const;
  it("takes the highest mapped role from an array claim", () => {
    expect(roleFromClaims({ groups: ["staff", "oncall"] }, "groups", map)).toBe("responder");
    expect(roleFromClaims({ groups: ["oncall", "sitrep-admins"] }, "groups", map)).toBe("admin");
  });
  it("reads nested claims and space-separated strings", () => {
    expect(roleFromClaims({ realm_access: { roles: ["oncall"] } }, "realm_access.roles", map)).toBe("responder");
    expect(roleFromClaims({ roles: "staff oncall" }, "roles", map)).toBe("responder");
  });
  it("returns null when nothing maps", () => {
    expect(roleFromClaims({ groups: ["everyone"] }, "groups", map)).toBeNull();
    expect(roleFromClaims({}, "groups", map)).toBeNull();
  });
});

describe("sign-in messages", () => {
  it("say what happened and what to do", () => {
    expect(signInErrorMessage("invalid")).toBe("Wrong email or password.");
    expect(signInErrorMessage("locked-1")).toMatch(/Try again in 1 minute,/);
    expect(signInErrorMessage("locked-12")).toMatch(/Try again in 12 minutes/);
    expect(signInErrorMessage("deactivated")).toMatch(/deactivated/);
  });
});

describe("safeCallbackPath", () => {
  it("keeps same-site paths and refuses open redirects", () => {
    expect(safeCallbackPath("/incidents?status=open")).toBe("/incidents?status=open");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/%09/x\t", "javascript:alert(1)", "/login", null]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});
