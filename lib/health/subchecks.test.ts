import { describe, expect, it } from "vitest";
import { judgeSubChecks, parseJson, readSubChecks } from "@/lib/health/subchecks";

const beacon = {
  status: "ok",
  services: [
    { name: "payments", circuit_breaker_stats: { state: "closed", failures: 0 } },
    { name: "email", circuit_breaker_stats: { state: "open", failures: 12 } },
  ],
};

describe("health sub-checks", () => {
  it("expands arrays into one sub-check per item, named by the item", () => {
    const checks = readSubChecks(beacon, [
      { path: "status", label: "Status", ok: ["ok"], severity: "down" },
      { path: "services[].circuit_breaker_stats.state", label: "Circuit breaker", ok: ["closed"], severity: "degraded" },
    ]);
    expect(checks).toEqual([
      { label: "Status", path: "status", value: "ok", ok: true, severity: "down" },
      { label: "Circuit breaker · payments", path: "services[0].circuit_breaker_stats.state", value: "closed", ok: true, severity: "degraded" },
      { label: "Circuit breaker · email", path: "services[1].circuit_breaker_stats.state", value: "open", ok: false, severity: "degraded" },
    ]);
    expect(judgeSubChecks(checks)).toEqual({ status: "degraded", reason: "Circuit breaker · email: open" });
  });

  it("treats a missing declared field as failing, and down-severity fields as down", () => {
    const checks = readSubChecks({ services: [] }, [{ path: "status", ok: ["ok"], severity: "down" }]);
    expect(checks).toEqual([{ label: "status", path: "status", value: "missing", ok: false, severity: "down" }]);
    expect(judgeSubChecks(checks).status).toBe("down");
  });

  it("shows fields without ok values but never judges them", () => {
    const checks = readSubChecks({ db: { connections: 42 } }, [{ path: "db.connections", label: "DB connections", severity: "degraded" }]);
    expect(checks[0]).toMatchObject({ value: "42", ok: null });
    expect(judgeSubChecks(checks)).toEqual({ status: "up", reason: null });
  });

  it("names the line of invalid JSON and recognises HTML", () => {
    expect(parseJson('{\n  "a": 1,\n  oops\n}')).toEqual({ ok: false, error: "invalid JSON at line 3" });
    expect(parseJson("<html>502 Bad Gateway</html>")).toEqual({ ok: false, error: "invalid JSON at line 1 (the response looks like HTML)" });
    expect(parseJson("")).toMatchObject({ ok: false, error: expect.stringContaining("empty") });
  });
});
