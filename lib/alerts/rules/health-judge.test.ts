import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeCheck, judgeHealth, meets, type Check, type HealthJudged } from "@/lib/alerts/rules/health-judge";
import type { CheckStatus } from "@/lib/services/types";

const S = 15_000;
const down1m: HealthJudged = { level: "down", forMs: 60_000, staleMs: 3 * S };
const degraded1m: HealthJudged = { ...down1m, level: "degraded" };
/** Checks every 15 s, the last one at `end`: "uuddd" is up, up, down, down, down. */
const CODE: Record<string, CheckStatus> = { u: "up", g: "degraded", d: "down", "?": "unknown" };
function seq(codes: string, end = 1_000_000): Check[] {
  return [...codes].map((c, i) => ({ at: end - (codes.length - 1 - i) * S, status: CODE[c], reason: c === "d" ? "HTTP 503" : null })).filter((_, i) => codes[i] !== "_");
}
const now = 1_000_000;
const kind = (codes: string, rule = down1m, firing = false, at = now) => judgeHealth(seq(codes), rule, firing, at).kind;

describe("judgeHealth: down (or degraded) for N", () => {
  it("fires once every check over the window was down, measured from the first down check", () => {
    expect(kind("uuddddd")).toBe("fire"); // down at -60 s, -45, -30, -15, 0
    expect(kind("uudddd")).toBe("keep"); // down for 45 s of 60
    expect(kind("ddddd")).toBe("fire"); // the window covered by the data, all down
    expect(judgeHealth(seq("udddddd"), down1m, false, now)).toEqual({ kind: "fire", latest: { at: now, status: "down", reason: "HTTP 503" }, since: now - 5 * S });
  });

  it("one check up in the window restarts the clock; degraded is not down", () => {
    expect(kind("dddudd")).toBe("keep");
    expect(kind("ddddgd")).toBe("keep");
    expect(kind("ddgddddd")).toBe("fire");
  });

  it("health: degraded fires on degraded or worse", () => {
    expect(kind("ugggdg", degraded1m)).toBe("fire");
    expect(kind("ugggdu", degraded1m)).toBe("keep");
    expect(kind("ggggg")).toBe("keep"); // a down rule ignores degraded
  });

  it("needs at least two checks, even with no window", () => {
    expect(kind("ud", { ...down1m, forMs: 0 })).toBe("keep");
    expect(kind("udd", { ...down1m, forMs: 0 })).toBe("fire");
    expect(kind("d", { ...down1m, forMs: 0 })).toBe("keep");
  });

  it("does not treat a gap as healthy: the streak goes on across missing checks", () => {
    expect(kind("ud___d")).toBe("fire"); // down 75 s ago, nothing since, down now
    expect(kind("ud___u")).toBe("keep");
    expect(kind("dd??dd")).toBe("fire"); // unknown is no data, not health
  });

  it("never fires on stale checks or no checks at all", () => {
    expect(kind("uuddddd", down1m, false, now + 4 * S)).toBe("keep");
    expect(judgeHealth([], down1m, false, now)).toEqual({ kind: "keep", latest: null, since: null });
  });

  it("firing: resolves when the latest check is better than the level, keeps firing otherwise (no data included)", () => {
    expect(kind("ddddddu", down1m, true)).toBe("resolve");
    expect(kind("dddddg", down1m, true)).toBe("resolve"); // degraded is better than down
    expect(kind("gggggd", degraded1m, true)).toBe("keep");
    expect(kind("ddddgu", degraded1m, true)).toBe("resolve");
    expect(kind("d", down1m, true)).toBe("keep");
    expect(judgeHealth([], down1m, true, now).kind).toBe("keep");
    expect(kind("dddddd", down1m, true, now + 10 * S)).toBe("keep"); // stale: still firing
  });

  it("says what the latest check said: a health rule's {{value}}", () => {
    expect(describeCheck({ at: 0, status: "down", reason: "HTTP 503: service unavailable" })).toBe("down (HTTP 503: service unavailable)");
    expect(describeCheck({ at: 0, status: "up", reason: null })).toBe("up");
    expect(describeCheck(null)).toBeNull();
    expect([meets("down", "degraded"), meets("degraded", "down"), meets("unknown", "degraded")]).toEqual([true, false, false]);
  });

  it("fires only when the window before the latest check is all at the level (property)", () => {
    const statuses = fc.array(fc.constantFrom<CheckStatus>("up", "degraded", "down", "unknown"), { maxLength: 12 });
    fc.assert(fc.property(statuses, fc.integer({ min: 0, max: 5 }), (list, steps) => {
      const checks = list.map((status, i) => ({ at: now - (list.length - 1 - i) * S, status, reason: null }));
      const v = judgeHealth(checks, { ...down1m, forMs: steps * S }, false, now);
      const known = checks.filter((c) => c.status !== "unknown");
      if (v.kind !== "fire") return true;
      const inWindow = known.filter((c) => c.at >= v.latest.at - steps * S);
      return known.length >= 2 && inWindow.every((c) => c.status === "down") && known[0].at <= v.latest.at - steps * S;
    }));
  });
});
