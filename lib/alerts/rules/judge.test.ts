import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holds, judge, type Judged } from "@/lib/alerts/rules/judge";

const above5: Judged = { op: ">", threshold: 5, forSteps: 3, staleSteps: 5 };
const below1: Judged = { op: "<", threshold: 1, forSteps: 3, staleSteps: 5 };
const n = null;

describe("judge: Prometheus `for` semantics", () => {
  it("fires only once the condition has held at every step of the window", () => {
    expect(judge([1, 2, 6, 7, 8], above5, false)).toEqual({ kind: "keep", value: 8 }); // held for 2 steps of 3
    expect(judge([1, 6, 7, 8, 9], above5, false)).toEqual({ kind: "fire", value: 9 });
    expect(judge([6, 7, 8, 9], above5, false).kind).toBe("fire"); // exactly the window
  });

  it("needs data at every step: a gap restarts the clock, a window not yet covered does not fire", () => {
    expect(judge([9, 9, n, 9, 9, 9], { ...above5, forSteps: 4 }, false).kind).toBe("keep");
    expect(judge([9, 9, 9], above5, false).kind).toBe("keep"); // three steps of data for a four-step window
    expect(judge([n, n, 9, 9, 9], above5, false).kind).toBe("keep");
  });

  it("never fires a \"<\" rule on missing data", () => {
    expect(judge([n, n, n, n, n, n], below1, false)).toEqual({ kind: "keep", value: null });
    expect(judge([0, 0, n, 0], below1, false).kind).toBe("keep");
    expect(judge([0, 0, 0, 0], below1, false)).toEqual({ kind: "fire", value: 0 });
  });

  it("with no `for`, fires on the latest step alone", () => {
    expect(judge([1, 1, 6], { ...above5, forSteps: 0 }, false)).toEqual({ kind: "fire", value: 6 });
    expect(judge([6, 6, n], { ...above5, forSteps: 0 }, false).kind).toBe("keep");
  });

  it("once firing, resolves when the latest step with data no longer meets the condition", () => {
    expect(judge([9, 9, 9, 9, 4], above5, true)).toEqual({ kind: "resolve", value: 4, why: "recovered" });
    expect(judge([9, 9, 4, n, n], above5, true)).toEqual({ kind: "resolve", value: 4, why: "recovered" });
    // The `for` window does not apply to staying on: one step above is enough.
    expect(judge([1, 1, 1, 1, 6], above5, true)).toEqual({ kind: "keep", value: 6 });
    expect(judge([0.5], below1, true)).toEqual({ kind: "keep", value: 0.5 });
  });

  it("keeps firing through a short gap, and resolves after no data for the stale window", () => {
    expect(judge([9, 9, 9, 9, n, n], above5, true)).toEqual({ kind: "keep", value: 9 });
    expect(judge([9, n, n, n, n, n, n], above5, true)).toEqual({ kind: "resolve", value: null, why: "no-data" });
    expect(judge([n, n, n, n, n, n], below1, true)).toEqual({ kind: "resolve", value: null, why: "no-data" });
  });

  it("compares with each operator, and never with a missing or non-finite value", () => {
    expect([holds(5, ">", 5), holds(5, ">=", 5), holds(5, "<", 5), holds(5, "<=", 5)]).toEqual([false, true, false, true]);
    for (const op of [">", ">=", "<", "<="] as const) {
      expect([holds(null, op, 0), holds(Number.NaN, op, 0), holds(Number.POSITIVE_INFINITY, op, 0)]).toEqual([false, false, false]);
    }
  });

  it("fires if and only if every step of the window has data and meets the condition (property)", () => {
    const values = fc.array(fc.option(fc.double({ min: -10, max: 20, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(values, fc.integer({ min: 0, max: 8 }), fc.constantFrom(">", "<") as fc.Arbitrary<">" | "<">, (vs, forSteps, op) => {
      const rule: Judged = { op, threshold: 5, forSteps, staleSteps: Math.max(forSteps, 5) };
      const window = vs.slice(-(forSteps + 1));
      const expected = window.length === forSteps + 1 && window.every((v) => v !== null && (op === ">" ? v > 5 : v < 5));
      expect(judge(vs, rule, false).kind === "fire").toBe(expected);
    }));
  });
});
