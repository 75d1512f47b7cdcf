import { describe, expect, it } from "vitest";
import { checkMove, parseIncidentRef, responseDeadline, stampsFor, STATUSES } from "@/lib/incidents/rules";
import { bucketStart, formatDuration, interval, mttx, mttxSeries, type IncidentTimes } from "@/lib/incidents/mttx";

const t = (iso: string) => new Date(iso);

describe("severity targets", () => {
  const start = t("2026-11-25T10:00:00Z"); // a Wednesday
  it("P1 15 minutes, P2 1 hour, P3 4 hours", () => {
    expect(responseDeadline("P1", start).toISOString()).toBe("2026-11-25T10:15:00.000Z");
    expect(responseDeadline("P2", start).toISOString()).toBe("2026-11-25T11:00:00.000Z");
    expect(responseDeadline("P3", start).toISOString()).toBe("2026-11-25T14:00:00.000Z");
  });
  it("P4 by the end of the next business day, skipping the weekend", () => {
    expect(responseDeadline("P4", start).toISOString()).toBe("2026-11-26T23:59:59.999Z");
    expect(responseDeadline("P4", t("2026-11-27T10:00:00Z")).toISOString()).toBe("2026-11-30T23:59:59.999Z"); // Friday → Monday
    expect(responseDeadline("P4", t("2026-11-28T10:00:00Z")).toISOString()).toBe("2026-11-30T23:59:59.999Z"); // Saturday → Monday
  });
});

describe("lifecycle", () => {
  it("moves forward, skipping states", () => {
    expect(checkMove("triggered", "acknowledged")).toEqual({ ok: true, kind: "forward" });
    expect(checkMove("triggered", "resolved")).toEqual({ ok: true, kind: "forward" });
    expect(checkMove("resolved", "closed")).toEqual({ ok: true, kind: "forward" });
  });
  it("refuses to go back without an explicit reopen, and to stay put", () => {
    expect(checkMove("mitigated", "investigating")).toMatchObject({ ok: false, reason: expect.stringMatching(/reopen/) });
    expect(checkMove("mitigated", "mitigated")).toMatchObject({ ok: false });
  });
  it("reopens to an open working state only", () => {
    expect(checkMove("resolved", "investigating", true)).toEqual({ ok: true, kind: "reopen" });
    expect(checkMove("closed", "acknowledged", true)).toEqual({ ok: true, kind: "reopen" });
    expect(checkMove("resolved", "triggered", true)).toMatchObject({ ok: false });
  });
  it("stamps the reached state and skipped ones, never overwriting an earlier stamp", () => {
    const at = t("2026-11-25T10:30:00Z");
    expect(stampsFor("triggered", "mitigated", {}, at)).toEqual({ acknowledgedAt: at, investigatingAt: at, identifiedAt: at, mitigatedAt: at });
    const ack = t("2026-11-25T10:01:00Z");
    expect(stampsFor("acknowledged", "investigating", { acknowledgedAt: ack }, at)).toEqual({ investigatingAt: at });
  });
  it("clears the stamps of states after the one a reopen returns to", () => {
    const at = t("2026-11-25T11:00:00Z");
    const old = t("2026-11-25T10:00:00Z");
    const stamps = { acknowledgedAt: old, investigatingAt: old, mitigatedAt: old, resolvedAt: old };
    expect(stampsFor("resolved", "investigating", stamps, at)).toEqual({ mitigatedAt: null, resolvedAt: null });
  });
  it("has seven states in order", () => {
    expect(STATUSES).toEqual(["triggered", "acknowledged", "investigating", "identified", "mitigated", "resolved", "closed"]);
  });
  it("reads human references", () => {
    expect(parseIncidentRef("INC-42")).toBe(42);
    expect(parseIncidentRef(" #7 ")).toBe(7);
    expect(parseIncidentRef("inc-x")).toBeNull();
  });
});

describe("MTTx", () => {
  const base = { severity: "P1" as const, services: ["api"] };
  const inc = (started: string | null, ack: string | null, mit: string | null, res: string | null): IncidentTimes => ({
    ...base,
    startedAt: started ? t(started) : null,
    acknowledgedAt: ack ? t(ack) : null,
    mitigatedAt: mit ? t(mit) : null,
    resolvedAt: res ? t(res) : null,
  });

  it("intervals: missing ends are missing, ends before starts are invalid", () => {
    expect(interval(t("2026-01-01T00:00:00Z"), t("2026-01-01T00:05:00Z"))).toEqual({ ok: true, ms: 300_000 });
    expect(interval(t("2026-01-01T00:05:00Z"), null)).toEqual({ ok: false, reason: "missing" });
    expect(interval(null, t("2026-01-01T00:05:00Z"))).toEqual({ ok: false, reason: "missing" });
    expect(interval(t("2026-01-01T00:05:00Z"), t("2026-01-01T00:00:00Z"))).toEqual({ ok: false, reason: "invalid" });
  });

  it("means only valid intervals and counts the invalid ones", () => {
    const stats = mttx([
      inc("2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:10:00Z", "2026-01-01T01:00:00Z"),
      inc("2026-01-01T00:00:00Z", "2026-01-01T00:04:00Z", null, null), // still open
      inc("2026-01-01T00:10:00Z", "2026-01-01T00:05:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:20:00Z"), // ack before start
    ]);
    expect(stats.mtta).toEqual({ meanMs: 180_000, count: 2, invalid: 1 });
    expect(stats.mttm).toEqual({ meanMs: (600_000 + 1_200_000) / 2, count: 2, invalid: 0 });
    expect(stats.mttr).toEqual({ meanMs: (3_600_000 + 600_000) / 2, count: 2, invalid: 0 });
  });

  it("is null, not zero, when nothing is measurable", () => {
    expect(mttx([inc("2026-01-01T00:00:00Z", null, null, null)]).mtta).toEqual({ meanMs: null, count: 0, invalid: 0 });
  });

  it("groups by week and by severity or service", () => {
    expect(bucketStart(t("2026-11-29T23:00:00Z"), "week").toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Sunday → Monday
    const a = { ...inc("2026-11-24T00:00:00Z", "2026-11-24T00:01:00Z", null, null), services: ["api", "db"] };
    const b = { ...inc("2026-11-25T00:00:00Z", "2026-11-25T00:03:00Z", null, null), severity: "P2" as const, services: [] };
    expect(mttxSeries([a, b], "severity", "week").map((p) => [p.bucket, p.group, p.mtta.meanMs])).toEqual([
      ["2026-11-23", "P1", 60_000],
      ["2026-11-23", "P2", 180_000],
    ]);
    expect(mttxSeries([a, b], "service", "day").map((p) => [p.bucket, p.group])).toEqual([
      ["2026-11-24", "api"], ["2026-11-24", "db"], ["2026-11-25", "(no service)"],
    ]);
  });

  it("formats durations for a big screen", () => {
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(245_000)).toBe("4m 05s");
    expect(formatDuration(2 * 3600_000 + 600_000)).toBe("2h 10m");
    expect(formatDuration(-30_000)).toBe("-30s");
  });
});
