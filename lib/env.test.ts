import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, requireServerEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://localhost/sitrep", AUTH_SECRET: "x".repeat(32) };

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe("parseEnv", () => {
  it("accepts the minimum and fills defaults", () => {
    const env = parseEnv(base);
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.SITREP_LOGIN_MAX_FAILURES).toBe(5);
    expect(env.oidcEnabled).toBe(false);
    expect(env.SITREP_DEMO).toBe(false);
  });

  it("names each bad variable and says what it expects", () => {
    const p = problems({ DATABASE_URL: "mysql://x", AUTH_SECRET: "short", DATABASE_POOL_SIZE: "many" });
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL: must be a postgresql:\/\/ URL/),
        expect.stringMatching(/^AUTH_SECRET: must be at least 16 characters/),
        expect.stringMatching(/^DATABASE_POOL_SIZE: /),
      ]),
    );
  });

  it("reads SITREP_RULES_INTERVAL as a duration of at least a second", () => {
    expect(parseEnv(base).SITREP_RULES_INTERVAL).toBe(15_000);
    expect(parseEnv({ ...base, SITREP_RULES_INTERVAL: "1m" }).SITREP_RULES_INTERVAL).toBe(60_000);
    expect(parseEnv({ ...base, SITREP_RULES_INTERVAL: "30" }).SITREP_RULES_INTERVAL).toBe(30_000);
    for (const bad of ["soon", "100ms", "0"]) {
      expect(problems({ ...base, SITREP_RULES_INTERVAL: bad })).toEqual(['SITREP_RULES_INTERVAL: must be a duration of at least 1 s, like "15s" or "1m"']);
    }
  });

  it("checks SITREP_ALLOWED_HOSTS entry by entry", () => {
    expect(parseEnv({ ...base, SITREP_ALLOWED_HOSTS: "sitrep.internal, sitrep.internal:8080,*.ops.example" }).SITREP_ALLOWED_HOSTS).toBeDefined();
    expect(problems({ ...base, SITREP_ALLOWED_HOSTS: "ok.example,http://bad.example" })).toEqual([
      expect.stringMatching(/^SITREP_ALLOWED_HOSTS: "http:\/\/bad\.example" is not a host name/),
    ]);
  });

  it("explains a missing variable", () => {
    expect(problems({ AUTH_SECRET: "x".repeat(32) })).toEqual([expect.stringMatching(/^DATABASE_URL: is not set/)]);
  });

  it("lets tools run without AUTH_SECRET but not the server", () => {
    const env = parseEnv({ DATABASE_URL: base.DATABASE_URL });
    expect(() => requireServerEnv(env)).toThrow(/AUTH_SECRET: is not set/);
    expect(requireServerEnv(parseEnv(base)).AUTH_SECRET).toBe(base.AUTH_SECRET);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ ...base, AUTH_OIDC_ISSUER: "", METRICS_TOKEN: "" }).oidcEnabled).toBe(false);
  });

  it("needs the three OIDC variables together", () => {
    expect(problems({ ...base, AUTH_OIDC_ISSUER: "https://idp.example.com" })).toEqual([
      expect.stringMatching(/AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET must be set together/),
    ]);
    const env = parseEnv({ ...base, AUTH_OIDC_ISSUER: "https://idp.example.com", AUTH_OIDC_ID: "sitrep", AUTH_OIDC_SECRET: "s" });
    expect(env.oidcEnabled).toBe(true);
  });

  it("parses the OIDC role map and rejects a bad pair by name", () => {
    const env = parseEnv({ ...base, AUTH_OIDC_ROLE_MAP: "sitrep-admins=admin, oncall=responder" });
    expect(env.AUTH_OIDC_ROLE_MAP).toEqual({ "sitrep-admins": "admin", oncall: "responder" });
    expect(problems({ ...base, AUTH_OIDC_ROLE_MAP: "ops=superuser" })).toEqual([expect.stringMatching(/^AUTH_OIDC_ROLE_MAP: .*"ops=superuser"/)]);
  });

  it("parses the alert severity map case-insensitively and rejects a bad pair by name", () => {
    expect(parseEnv(base).SITREP_ALERT_SEVERITY_MAP).toMatchObject({ critical: "P1", warning: "P3", info: "P4" });
    expect(parseEnv({ ...base, SITREP_ALERT_SEVERITY_MAP: "Sev1=p1, sev2=P2" }).SITREP_ALERT_SEVERITY_MAP).toEqual({ sev1: "P1", sev2: "P2" });
    expect(problems({ ...base, SITREP_ALERT_SEVERITY_MAP: "sev1=P9" })).toEqual([expect.stringMatching(/^SITREP_ALERT_SEVERITY_MAP: .*"sev1=P9"/)]);
    expect(problems({ ...base, SITREP_ALERT_ON_RESOLVED: "close" })).toEqual([expect.stringMatching(/^SITREP_ALERT_ON_RESOLVED: must be mitigate, resolve or none/)]);
    expect(parseEnv(base).SITREP_ALERT_ATTACH).toBe("dependencies");
    expect(parseEnv({ ...base, SITREP_ALERT_ATTACH: "off" }).SITREP_ALERT_ATTACH).toBe("off");
    expect(problems({ ...base, SITREP_ALERT_ATTACH: "always" })).toEqual([expect.stringMatching(/^SITREP_ALERT_ATTACH: must be dependencies, service or off/)]);
  });

  it("reads flags", () => {
    expect(parseEnv({ ...base, SITREP_DEMO: "1" }).SITREP_DEMO).toBe(true);
    expect(problems({ ...base, SITREP_DEMO: "maybe" })).toEqual([expect.stringMatching(/^SITREP_DEMO: /)]);
  });
});
