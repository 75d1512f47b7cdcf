import { describe, expect, it } from "vitest";
import { ruleFingerprint, ruleGroup, type RuleRef } from "@/lib/alerts/rules/incoming";
import { formatValue, render, unknownPlaceholders } from "@/lib/alerts/rules/template";

const ref: RuleRef = {
  service: "agent-node", serviceName: "Agent Node", name: "HighErrorRate", severity: "P2", value: 5, runbook: "agent-node--high-error-rate",
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
