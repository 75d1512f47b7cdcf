import { describe, expect, it } from "vitest";
import { describeVerify, judgeVerify, snapshotOf } from "./verify-rules";

const breaker = (state: string) => ({ label: "Circuit breaker · yagna", path: "services[2].circuit_breaker_stats.state", value: state, ok: state === "closed", severity: "degraded" as const });
const sample = (value: number, labels: Record<string, string> = {}) => ({ name: "circuit_breaker_state", labels, value });
const seen = (status: "up" | "degraded" | "down", subChecks = [breaker("closed")], samples = [sample(0, { service: "yagna" })]) => ({ status, reason: null, subChecks, samples });

describe("verification rules", () => {
  it("health up needs up; not-down accepts degraded", () => {
    expect(judgeVerify({ health: "up", within: 1000 }, seen("up"))).toEqual({ ok: true, detail: "health is up" });
    expect(judgeVerify({ health: "up", within: 1000 }, seen("degraded", [breaker("open")]))).toEqual({ ok: false, detail: "health is degraded (Circuit breaker · yagna: open), needs up" });
    expect(judgeVerify({ health: "not-down", within: 1000 }, seen("degraded")).ok).toBe(true);
    expect(judgeVerify({ health: "not-down", within: 1000 }, { ...seen("down"), reason: "HTTP 503" })).toEqual({ ok: false, detail: "health is down (HTTP 503), needs not-down" });
  });

  it("a metric condition holds only when every matching sample satisfies it", () => {
    const metric = { name: "circuit_breaker_state", labels: {}, op: "==" as const, value: 0 };
    const both = [sample(0, { service: "yagna" }), sample(1, { service: "ipfs" })];
    expect(judgeVerify({ metric, within: 1000 }, seen("up", [], both))).toEqual({ ok: false, detail: 'circuit_breaker_state == 0 does not hold: circuit_breaker_state{service="ipfs"} = 1' });
    expect(judgeVerify({ metric: { ...metric, labels: { service: "yagna" } }, within: 1000 }, seen("up", [], both)).ok).toBe(true);
    expect(judgeVerify({ metric: { ...metric, name: "missing_metric" }, within: 1000 }, seen("up")).detail).toBe("missing_metric == 0: no such sample in the service's metrics");
  });

  it("both conditions must hold, and each says how it stands", () => {
    const v = { health: "up" as const, metric: { name: "circuit_breaker_state", labels: {}, op: "<" as const, value: 1 }, within: 60_000 };
    expect(judgeVerify(v, seen("up"))).toEqual({ ok: true, detail: "health is up; circuit_breaker_state < 1 holds (0)" });
    expect(judgeVerify(v, seen("up", [], [sample(2)])).ok).toBe(false);
    expect(describeVerify(v)).toBe("health up and circuit_breaker_state < 1 within 60 s");
  });

  it("a snapshot keeps the status and the failing checks", () => {
    const at = new Date("2026-12-01T03:00:00Z");
    expect(snapshotOf(seen("degraded", [breaker("open"), breaker("closed")]), at)).toEqual({ at: at.toISOString(), status: "degraded", reason: null, failing: ["Circuit breaker · yagna: open"] });
  });
});
