import { describe, expect, it } from "vitest";
import { validateParams } from "./params";
import { actionOf } from "./testing";

const router = actionOf({
  http: { url: "http://fleet.invalid/x" },
  params: {
    tenant: { type: "enum", values: ["all", "acme", "globex"], default: "all", label: "Tenant" },
    limit: { type: "integer", min: 1, max: 1000, default: 100, label: "At most" },
    pattern: { type: "string", pattern: "[a-z*:]+", label: "Key pattern" },
  },
});

describe("validateParams", () => {
  it("accepts valid values of each type and keeps integers as numbers", () => {
    expect(validateParams(router, { tenant: "acme", limit: 5, pattern: "*:*" })).toEqual({ ok: true, values: { tenant: "acme", limit: 5, pattern: "*:*" } });
  });

  it("applies defaults to missing and blank fields, and reports a required one by its label", () => {
    expect(validateParams(router, { tenant: "", pattern: "ab" })).toEqual({ ok: true, values: { tenant: "all", limit: 100, pattern: "ab" } });
    expect(validateParams(router, {})).toEqual({ ok: false, errors: { pattern: "Key pattern is required" } });
  });

  it("says which enum values are allowed", () => {
    expect(validateParams(router, { tenant: "initech", pattern: "a" })).toEqual({ ok: false, errors: { tenant: "Tenant must be one of all, acme, globex" } });
  });

  it("accepts an integer typed into a form, and refuses out-of-range, fractional and odd text", () => {
    expect(validateParams(router, { limit: "42", pattern: "a" })).toMatchObject({ ok: true, values: { limit: 42 } });
    const msg = "At most must be a whole number from 1 to 1000";
    for (const limit of [0, 1001, 2.5, "2.5", "5e2", " 5", "ten", true]) {
      expect(validateParams(router, { limit, pattern: "a" }), String(limit)).toEqual({ ok: false, errors: { limit: msg } });
    }
    expect(validateParams(router, { limit: 1000, pattern: "a" })).toMatchObject({ ok: true });
  });

  it("anchors the pattern: the whole value must match", () => {
    const msg = "Key pattern must match the pattern [a-z*:]+";
    for (const pattern of ["ab; rm -rf /", "AB", "ab\ncd", "$(id)"]) {
      expect(validateParams(router, { pattern }), pattern).toEqual({ ok: false, errors: { pattern: msg } });
    }
    const alternation = actionOf({ http: { url: "http://x.invalid/" }, params: { s: { type: "string", pattern: "a|b" } } });
    expect(validateParams(alternation, { s: "xa" })).toMatchObject({ ok: false });
    expect(validateParams(alternation, { s: "b" })).toMatchObject({ ok: true });
  });

  it("refuses unknown parameters, naming the ones the action takes", () => {
    expect(validateParams(router, { tenant: "acme", pattern: "a", tennant: "x" })).toEqual({
      ok: false,
      errors: { tennant: "tennant is not a parameter of Test action; it takes tenant, limit, pattern" },
    });
    const none = actionOf({ http: { url: "http://x.invalid/" } });
    expect(validateParams(none, { x: 1 })).toEqual({ ok: false, errors: { x: "x is not a parameter: Test action takes none" } });
    expect(validateParams(none, {})).toEqual({ ok: true, values: {} });
  });

  it("reports an invalid catalog pattern instead of throwing", () => {
    const broken = actionOf({ http: { url: "http://x.invalid/" }, params: { s: { type: "string", pattern: "(" } } });
    expect(validateParams(broken, { s: "a" })).toMatchObject({ ok: false, errors: { s: expect.stringContaining("not a valid regular expression") } });
  });

  describe("dot segments in a URL path", () => {
    const evil = actionOf({
      http: { url: "http://fleet.invalid/evil/{{p}}/ok?q={{q}}" },
      params: { p: { type: "string", pattern: ".*", label: "Path part" }, q: { type: "string", pattern: ".*" } },
    });
    const message = 'Path part cannot be "." or "..": it goes into the action\'s URL path, which it would leave';
    it.each(["..", ".", "%2e%2e", "%2E.", ".%2e", "%2e"])("refuses %j beside the field", (p) => {
      expect(validateParams(evil, { p, q: "x" })).toEqual({ ok: false, errors: { p: message } });
    });
    it("accepts dots inside a segment and in the query string", () => {
      expect(validateParams(evil, { p: "v1..2", q: ".." })).toMatchObject({ ok: true });
      expect(validateParams(evil, { p: "...", q: "." })).toMatchObject({ ok: true });
    });
    it("refuses two parameters that together make a dot segment", () => {
      const split = actionOf({ http: { url: "http://fleet.invalid/a/{{x}}{{y}}/b" }, params: { x: { type: "string", pattern: ".*" }, y: { type: "string", pattern: ".*" } } });
      expect(validateParams(split, { x: ".", y: "." })).toMatchObject({ ok: false, errors: { x: expect.any(String), y: expect.any(String) } });
    });
  });
});
