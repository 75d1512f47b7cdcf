import { describe, expect, it } from "vitest";
import { allowedHosts, answersAnyHost, isAllowedHost, parseAllowedHosts } from "./host-allowlist.mjs";

describe("host allowlist", () => {
  const allowed = allowedHosts({ port: 3000, listen: "0.0.0.0", publicUrl: "https://sitrep.example.com", extra: "sitrep.internal, *.ops.example" });

  it("accepts loopback names on the app's port, the public host and the extra names", () => {
    for (const h of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "sitrep.example.com", "SITREP.example.com", "sitrep.internal:8080", "a.ops.example"]) {
      expect(isAllowedHost(h, allowed), h).toBe(true);
    }
  });

  it("refuses other names, other ports of loopback, and a missing Host", () => {
    for (const h of ["rebind.attacker.example:3999", "localhost:3999", "127.0.0.2:3000", "sitrep.example.com.attacker.example", "ops.example", "", undefined]) {
      expect(isAllowedHost(h, allowed), String(h)).toBe(false);
    }
  });

  it("adds the address the server listens on", () => {
    expect(isAllowedHost("10.0.0.5:3000", allowedHosts({ port: 3000, listen: "10.0.0.5" }))).toBe(true);
  });

  it("lets health probes and metrics through whatever the host", () => {
    expect(answersAnyHost("/api/health")).toBe(true);
    expect(answersAnyHost("/api/health/ready?x=1")).toBe(true);
    expect(answersAnyHost("/metrics")).toBe(true);
    expect(answersAnyHost("/api/healthz")).toBe(false);
    expect(answersAnyHost("/login")).toBe(false);
  });

  it("refuses a malformed SITREP_ALLOWED_HOSTS entry, naming it", () => {
    expect(() => parseAllowedHosts("ok.example,https://bad.example")).toThrow(/"https:\/\/bad\.example"/);
  });
});
