import { describe, expect, it } from "vitest";
import {
  declarePrefill, declareTitle, formatFailingSince, formatFor, formatSinceTime, healthyLine, severityForTier, sortStrip, type StripService,
} from "@/lib/services/health-strip";

const at = (iso: string) => Date.parse(iso);

describe("severityForTier", () => {
  it("suggests P1 for tiers 0 and 1, P2 for tier 2, P3 for the rest and for no tier", () => {
    expect([0, 1, 2, 3, 4, null].map(severityForTier)).toEqual(["P1", "P1", "P2", "P3", "P3", "P3"]);
  });
});

describe("declareTitle", () => {
  it("says what is wrong in the service's own name", () => {
    expect(declareTitle("Beacon Runner", "down")).toBe("Beacon Runner is down");
    expect(declareTitle("NATS JetStream", "degraded")).toBe("NATS JetStream is degraded");
    expect(declareTitle("Beamline Router", "impacted")).toBe("Beamline Router is failing");
  });
});

describe("formatFor", () => {
  it("rounds down to whole minutes, then hours and minutes, then days", () => {
    expect(formatFor(-5_000)).toBe("under 1 min");
    expect(formatFor(59_999)).toBe("under 1 min");
    expect(formatFor(4 * 60_000 + 59_000)).toBe("4 min");
    expect(formatFor(125 * 60_000)).toBe("2 h 05 min");
    expect(formatFor(47 * 3_600_000 + 59 * 60_000)).toBe("47 h 59 min");
    expect(formatFor(76 * 3_600_000)).toBe("3 d 4 h");
  });
});

describe("formatSinceTime / formatFailingSince", () => {
  it("gives the UTC time, with the date once it is another day", () => {
    expect(formatSinceTime(at("2026-12-07T03:12:40Z"), at("2026-12-07T03:16:41Z"))).toBe("03:12 UTC");
    expect(formatSinceTime(at("2026-12-06T23:50:00Z"), at("2026-12-07T00:10:00Z"))).toBe("6 Dec 23:50 UTC");
  });

  it("reads as one line: status, since when, for how long", () => {
    expect(formatFailingSince("down", "2026-12-07T03:12:40Z", at("2026-12-07T03:16:41Z"))).toBe("Down since 03:12 UTC · 4 min");
    expect(formatFailingSince("degraded", "2026-12-07T03:12:40Z", at("2026-12-07T03:12:50Z"))).toBe("Degraded since 03:12 UTC · under 1 min");
  });
});

describe("healthyLine", () => {
  it("is one quiet sentence, honest about services not checked", () => {
    expect(healthyLine({ total: 8, up: 8, unknown: 0 })).toBe("All 8 services healthy");
    expect(healthyLine({ total: 1, up: 1, unknown: 0 })).toBe("The 1 service is healthy");
    expect(healthyLine({ total: 8, up: 7, unknown: 1 })).toBe("7 of 8 services healthy · 1 not checked yet or not monitored");
  });
});

describe("sortStrip", () => {
  const s = (slug: string, status: StripService["status"], tier: number | null, since: string): StripService =>
    ({ slug, name: slug, tier, status, reason: null, since, openIncidents: [] });

  it("puts down first, then degraded, then impacted; the most critical tier and the oldest first within each", () => {
    const sorted = sortStrip([
      s("impacted", "impacted", 0, "2026-12-07T01:00:00Z"),
      s("degraded-t1", "degraded", 1, "2026-12-07T01:00:00Z"),
      s("down-none", "down", null, "2026-12-07T00:00:00Z"),
      s("down-t2-new", "down", 2, "2026-12-07T03:00:00Z"),
      s("down-t2-old", "down", 2, "2026-12-07T02:00:00Z"),
      s("down-t0", "down", 0, "2026-12-07T04:00:00Z"),
    ]);
    expect(sorted.map((x) => x.slug)).toEqual(["down-t0", "down-t2-old", "down-t2-new", "down-none", "degraded-t1", "impacted"]);
  });
});

describe("declarePrefill", () => {
  it("fills title, tier severity, the service, a summary of the check and the service for its runbooks", () => {
    const s = { slug: "beacon-runner", name: "Beacon Runner", tier: 1, status: "down" as const, reason: "HTTP 503", since: "2026-12-07T03:12:40.123Z" };
    expect(declarePrefill(s)).toEqual({
      title: "Beacon Runner is down",
      severity: "P1",
      services: ["beacon-runner"],
      summary: "Sitrep's health check reports Beacon Runner down since 2026-12-07 03:12 UTC: HTTP 503.",
      runbookFor: "beacon-runner",
    });
    expect(declarePrefill({ ...s, tier: null, status: "degraded", reason: null, since: null }).summary).toBe("Sitrep's health check reports Beacon Runner degraded.");
  });
});
