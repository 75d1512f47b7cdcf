import { describe, expect, it } from "vitest";
import { clock, timeBoxState } from "@/lib/runbooks/time-box";

describe("phase time boxes against the incident clock", () => {
  it("formats the clock", () => {
    expect([clock(0), clock(100_000), clock(3_725_000), clock(-5)]).toEqual(["0:00", "1:40", "1:02:05", "0:00"]);
  });
  it("says where the incident is in the phase's window", () => {
    const immediate = { fromMin: 0, toMin: 2 };
    expect(timeBoxState(immediate, 100_000)).toEqual({ state: "now", text: "1:40 elapsed, 0:20 left" });
    expect(timeBoxState(immediate, 150_000)).toEqual({ state: "over", text: "2:30 elapsed, 0:30 over" });
    expect(timeBoxState({ fromMin: 2, toMin: 10 }, 60_000)).toEqual({ state: "upcoming", text: "1:00 elapsed, starts in 1:00" });
    expect(timeBoxState({ fromMin: 2, toMin: 10 }, 600_000)?.state).toBe("now");
  });
  it("has no time box for a phase without one", () => {
    expect(timeBoxState({ fromMin: null, toMin: null }, 1000)).toBeNull();
  });
});
