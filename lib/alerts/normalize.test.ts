import { describe, expect, it } from "vitest";
import { clip, incidentTitle, severityOf } from "@/lib/alerts/normalize";

const config = { map: { critical: "P1" as const, warning: "P3" as const }, fallback: "P4" as const };

describe("severityOf", () => {
  it("maps the severity label by configuration, passes P1–P4 through, falls back otherwise", () => {
    expect(severityOf({ severity: "Critical" }, config)).toBe("P1");
    expect(severityOf({ priority: " p2 " }, config)).toBe("P2");
    expect(severityOf({ severity: "page-me" }, config)).toBe("P4");
  });

  it("never takes a label value for a member of Object.prototype (found by the webhook fuzzer)", () => {
    for (const v of ["constructor", "__proto__", "toString", "hasOwnProperty"]) expect(severityOf({ severity: v }, config)).toBe("P4");
  });
});

describe("clip", () => {
  it("never ends on half a surrogate pair, which PostgreSQL's JSON refuses", () => {
    expect(clip("ab😀", 3)).toBe("ab");
    expect(clip("ab😀", 4)).toBe("ab😀");
    expect(clip("abc", 2)).toBe("ab");
    const title = incidentTitle({ title: `A${"😀".repeat(150)}`, alerts: [{ alertname: "X", summary: "" }] });
    expect(title.isWellFormed()).toBe(true);
    expect(title.length).toBeLessThanOrEqual(200);
  });
});
