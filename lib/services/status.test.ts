import { describe, expect, it } from "vitest";
import { effectiveStatus } from "@/lib/services/status";

const deps = new Map([["router", ["nats"]], ["api", ["router"]], ["nats", []]]);

describe("effectiveStatus", () => {
  it("shows a failing service whose dependency is down as impacted, also transitively", () => {
    const states: Record<string, "up" | "down" | "degraded"> = { nats: "down", router: "down", api: "degraded" };
    const of = (s: string) => states[s];
    expect(effectiveStatus("router", { status: "down", reason: "HTTP 503" }, deps, of)).toEqual({ status: "impacted", reason: "depends on nats, which is down (own check: HTTP 503)" });
    expect(effectiveStatus("api", { status: "degraded", reason: null }, deps, of)).toEqual({ status: "impacted", reason: "depends on router, which is down" });
    expect(effectiveStatus("nats", { status: "down", reason: "connection refused" }, deps, of)).toEqual({ status: "down", reason: "connection refused" });
  });

  it("keeps a healthy or unchecked service as it is, and a failure with healthy dependencies as its own", () => {
    const of = (s: string) => (s === "nats" ? "down" : "up") as "up" | "down";
    expect(effectiveStatus("router", { status: "up", reason: null }, deps, of).status).toBe("up");
    expect(effectiveStatus("router", { status: "unknown", reason: null }, deps, of).status).toBe("unknown");
    expect(effectiveStatus("api", { status: "down", reason: "HTTP 500" }, deps, () => "up")).toEqual({ status: "down", reason: "HTTP 500" });
  });
});
