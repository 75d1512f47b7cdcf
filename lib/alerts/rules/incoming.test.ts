import { describe, expect, it } from "vitest";
import { ruleFingerprint, ruleGroup, type RuleRef } from "@/lib/alerts/rules/incoming";
import { formatValue, formatWindow, render, unknownPlaceholders } from "@/lib/alerts/rules/template";

const ref: RuleRef = {
  service: "agent-node", serviceName: "Agent Node", name: "HighErrorRate", severity: "P2", threshold: 5, runbook: "agent-node--high-error-rate",
  title: "Error rate on {{service}} is {{value}}%", message: "{{ value }}% of requests failed; the threshold is {{threshold}}%.",
};
const at = new Date("2026-12-02T03:00:00Z");

describe("templates", () => {
  it("fills in the service, the value (3 significant digits) and the threshold", () => {
    expect(render(ref.title, { service: "Agent Node", value: 12.3456, threshold: 5 })).toBe("Error rate on Agent Node is 12.3%");
    expect([0.012345, 2.5, 1999.6, 2_500_000, 0].map(formatValue)).toEqual(["0.0123", "2.5", "2000", "2500000", "0"]);
    expect(render("{{value}} / {{other}}", { service: "x", value: null, threshold: 1 })).toBe("no data / {{other}}");
    expect(unknownPlaceholders("{{service}} {{valeu}} {{ threshold }} {{x}}")).toEqual(["valeu", "x"]);
  });

  it("a health rule: {{value}} is what the latest check said, {{threshold}} the window", () => {
    expect(render("{{service}} is {{value}}", { service: "Beacon Runner", value: "down (HTTP 503)", threshold: "1m" })).toBe("Beacon Runner is down (HTTP 503)");
    expect(render("every check for {{threshold}} failed", { service: "x", value: "down", threshold: formatWindow(60_000) })).toBe("every check for 1m failed");
    expect([0, 500, 3000, 15_000, 60_000, 90_000, 3_600_000, 5_400_000].map(formatWindow)).toEqual(["0s", "500ms", "3s", "15s", "1m", "1m 30s", "1h", "1h 30m"]);
  });
});

describe("a health rule's transition", () => {
  const down: RuleRef = { service: "beacon-runner", serviceName: "Beacon Runner", name: "RunnerDown", severity: "P1", threshold: "1m", title: "{{service}} is {{value}}", message: "Every health check for {{threshold}} failed." };

  it("fires with the check's status and reason, and resolves saying the service is up again", () => {
    const fired = ruleGroup(down, { status: "firing", value: "down (HTTP 503: service unavailable)" }, at);
    expect(fired).toMatchObject({ groupKey: "beacon-runner/RunnerDown", title: "Beacon Runner is down (HTTP 503: service unavailable)", description: "Every health check for 1m failed." });
    expect(fired.alerts[0]).toMatchObject({ alertname: "RunnerDown", severity: "P1", runbookRef: null, labels: { alertname: "RunnerDown", service: "beacon-runner", severity: "P1" } });
    expect(ruleGroup(down, { status: "resolved", value: "up", why: "recovered" }, at).alerts[0]).toMatchObject({ summary: "Beacon Runner is up", settles: true });
  });
});

describe("a rule's transition as an incoming alert group", () => {
  it("fires as one alert of group <service>/<name>, labelled and annotated like an Alertmanager alert", () => {
    expect(ruleGroup(ref, { status: "firing", value: 12.34 }, at)).toEqual({
      source: "rule", groupKey: "agent-node/HighErrorRate", receiver: "", labels: { alertname: "HighErrorRate", service: "agent-node" },
      title: "Error rate on Agent Node is 12.3%", description: "12.3% of requests failed; the threshold is 5%.",
      alerts: [{
        fingerprint: ruleFingerprint("agent-node", "HighErrorRate"), alertname: "HighErrorRate", status: "firing", severity: "P2",
        labels: { alertname: "HighErrorRate", service: "agent-node", severity: "P2" },
        annotations: { summary: "Error rate on Agent Node is 12.3%", description: "12.3% of requests failed; the threshold is 5%." },
        summary: "Error rate on Agent Node is 12.3%", startsAt: at, endsAt: null, generatorUrl: null, runbookRef: "agent-node--high-error-rate", settles: true,
      }],
    });
  });

  it("resolves with what holds now: the value back under the threshold, or why there is none", () => {
    const recovered = ruleGroup(ref, { status: "resolved", value: 1.2, why: "recovered" }, at).alerts[0];
    expect(recovered).toMatchObject({ status: "resolved", summary: "Error rate on Agent Node is 1.2%", startsAt: at, endsAt: at });
    expect(ruleGroup(ref, { status: "resolved", value: null, why: "no-data" }, at).alerts[0]).toMatchObject({ summary: "HighErrorRate on Agent Node: no data", settles: false });
    expect(recovered.settles).toBe(true);
    expect(ruleGroup(ref, { status: "resolved", value: null, why: "removed" }, at).alerts[0].summary).toBe("HighErrorRate on Agent Node: the rule is no longer in the catalog");
  });

  it("has a fingerprint that is stable and names one rule of one service", () => {
    expect(ruleFingerprint("agent-node", "HighErrorRate")).toBe(ruleFingerprint("agent-node", "HighErrorRate"));
    expect(ruleFingerprint("agent-node", "HighErrorRate")).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([ruleFingerprint("a", "bc"), ruleFingerprint("ab", "c"), ruleFingerprint("b", "bc")]).size).toBe(3);
  });
});
