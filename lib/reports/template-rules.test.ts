import { describe, expect, it } from "vitest";
import { freeSlug, listText, RESERVED_REPORT_SLUGS, savedAtText, slugify, staleSaveMessage } from "@/lib/reports/template-rules";

describe("template slugs", () => {
  it("are lower-case ASCII words joined by dashes", () => {
    expect(slugify("Incident report (P1)")).toBe("incident-report-p1");
    expect(slugify("  Réseau — post-mortem  ")).toBe("reseau-post-mortem");
    expect(slugify("!!!")).toBe("template");
    expect(slugify("x".repeat(80))).toHaveLength(60);
  });
  it("take the first free suffix, and never a route of the editor", () => {
    expect(freeSlug("brief", [])).toBe("brief");
    expect(freeSlug("brief", ["brief", "brief-2"])).toBe("brief-3");
    expect(freeSlug("new", [], RESERVED_REPORT_SLUGS)).toBe("new-2");
    expect(freeSlug("checklists", [], RESERVED_REPORT_SLUGS)).toBe("checklists-2");
  });
});

describe("a stale save's message", () => {
  const now = new Date("2026-11-30T18:00:00Z");
  it("names who saved which version when", () => {
    expect(staleSaveMessage({ by: "bob@example.com", version: 3, at: new Date("2026-11-30T14:02:09Z") }, 2, now))
      .toMatch(/^bob@example\.com saved version 3 at 14:02 UTC while you were editing version 2\. Nothing was overwritten/);
  });
  it("gives the date of a save on another day", () => {
    expect(savedAtText(new Date("2026-11-29T23:59:00Z"), now)).toBe("2026-11-29 23:59 UTC");
  });
});

it("lists severities in prose", () => {
  expect([listText([]), listText(["P1"]), listText(["P1", "P2"]), listText(["P1", "P2", "P3"])]).toEqual(["", "P1", "P1 and P2", "P1, P2 and P3"]);
});
