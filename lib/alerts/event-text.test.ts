import { describe, expect, it } from "vitest";
import { alertEventText, alertEventTone } from "@/lib/alerts/event-text";

describe("alertEventText", () => {
  it("says what happened to which alert, where", () => {
    expect(alertEventText({ event: "fired", alertname: "RunnerDown", service: "beacon-runner", severity: "P1", summary: "Runner is down" }))
      .toBe("Alert RunnerDown firing on beacon-runner (P1): Runner is down");
    expect(alertEventText({ event: "resolved", alertname: "RunnerDown" })).toBe("Alert RunnerDown resolved");
    expect(alertEventText({ event: "silenced", alertname: "X", until: "2026-12-02T04:00:00.000Z", reason: "known" })).toBe("Alert X silenced until 2026-12-02 04:00 UTC: known");
    expect(alertEventText({ event: "fired", count: 12, alertnames: ["A", "B"], alertname: "A", severity: "P2", service: "x" })).toBe("12 alerts (A, B and 10 more) firing on x (P2)");
    expect(alertEventText({ event: "resolved", count: 6, alertnames: ["A"], alertname: "A" })).toBe("6 alerts (A and 5 more) resolved");
    expect(alertEventTone({ event: "refired" })).toBe("danger");
    expect(alertEventTone({ event: "resolved" })).toBe("ok");
    expect(alertEventText({ event: "joined", why: "NatsServerDown joined: nats, which beamline-router depends on", added: ["nats"] }))
      .toBe("NatsServerDown joined: nats, which beamline-router depends on (added nats to the affected services)");
    expect(alertEventTone({ event: "joined" })).toBe("warning");
  });
});
