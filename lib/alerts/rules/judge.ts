// What a threshold rule's values say, with Prometheus' `for` semantics. Pure, so the edge cases
// (gaps, a window not yet covered, missing data on a "<" rule) are unit-tested.

export type Op = ">" | ">=" | "<" | "<=";

/** Missing data never satisfies a condition, whichever way it points. */
export function holds(v: number | null, op: Op, threshold: number): boolean {
  if (v === null || !Number.isFinite(v)) return false;
  switch (op) {
    case ">": return v > threshold;
    case ">=": return v >= threshold;
    case "<": return v < threshold;
    case "<=": return v <= threshold;
  }
}

export type Judged = {
  op: Op;
  threshold: number;
  /** the `for` window in steps: the condition must hold at the latest step and the `forSteps` before it */
  forSteps: number;
  /** a firing alert with no data at any of the last `staleSteps + 1` steps resolves */
  staleSteps: number;
};

export type Verdict =
  | { kind: "fire"; value: number }
  | { kind: "resolve"; value: number | null; why: "recovered" | "no-data" }
  /** no transition: keep what the Alert table says */
  | { kind: "keep"; value: number | null };

/**
 * `values` are the rule's value at each evaluation step, oldest first, the last one now.
 * Not firing: it fires when the condition held at every step of the window, each with data
 * (a gap restarts the clock). Firing: it resolves when the latest step that has data no longer
 * meets the condition, or when there has been no data for `staleSteps`.
 */
export function judge(values: (number | null)[], rule: Judged, firing: boolean): Verdict {
  const latest = values.at(-1) ?? null;
  if (!firing) {
    const window = values.slice(-(rule.forSteps + 1));
    const full = window.length === rule.forSteps + 1 && window.every((v) => holds(v, rule.op, rule.threshold));
    return full ? { kind: "fire", value: latest! } : { kind: "keep", value: latest };
  }
  const recent = values.slice(-(rule.staleSteps + 1));
  const last = recent.findLast((v) => v !== null && Number.isFinite(v)) ?? null;
  if (last === null) return { kind: "resolve", value: null, why: "no-data" };
  if (!holds(last, rule.op, rule.threshold)) return { kind: "resolve", value: last, why: "recovered" };
  return { kind: "keep", value: last };
}
