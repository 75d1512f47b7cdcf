import { describe, expect, it } from "vitest";
import { dangerIn } from "./danger";
import { alertNamesFromTitle, alertNamesIn, cleanTitle, isAlertName, severityFromGroup, severityOf, sharedCategory, slugify, splitSymptoms } from "./extract";
import { durationMinutes, timeBox } from "./markers";

describe("severityOf", () => {
  it.each([
    ["Critical", "P1"],
    ["critical", "P1"],
    ["Warning", "P3"],
    ["Warning/Critical", "P1"],
    ["Critical/Warning", "P1"],
    ["P2 - High", "P2"],
    ["**P1 - Critical**", "P1"],
    ["High", "P2"],
    ["Medium", "P3"],
    ["Low", "P4"],
    ["Info", "P4"],
    ["SEV-2", "P2"],
    ["sev1", "P1"],
    ["P4 (next business day)", "P4"],
    ["P3 or P2", "P2"],
    ["Major outage", "P2"],
    ["whenever", null],
    ["", null],
  ])("%j → %s", (raw, level) => {
    expect(severityOf(raw)).toEqual({ raw: raw.trim(), level });
  });

  it("keeps the raw text as written", () => {
    expect(severityOf("  Warning/Critical ")).toEqual({ raw: "Warning/Critical", level: "P1" });
  });

  it("reads the severity a group heading gives the alerts under it", () => {
    expect(severityFromGroup("🚨 Critical Alerts")).toEqual({ raw: "Critical Alerts", level: "P1" });
    expect(severityFromGroup("⚠️ Warning Alerts")).toEqual({ raw: "Warning Alerts", level: "P3" });
    expect(severityFromGroup("Alert Response Procedures")).toBeNull();
    expect(severityFromGroup("Other Alerts")).toBeNull();
  });
});

describe("titles and keys", () => {
  it.each([
    ["Runbook: Coordinator API Outage", "Coordinator API Outage"],
    ["1. NATS Recovery", "NATS Recovery"],
    ["A. NATS Process Down", "NATS Process Down"],
    ["Issue: Service Won't Start", "Service Won't Start"],
    ["🚨 Critical Alerts", "Critical Alerts"],
    ["Alert: `RunnerDown`", "RunnerDown"],
    ["4. Troubleshooting Checklist", "Troubleshooting Checklist"],
    ["🚨", "🚨"],
    ["Runbook:", "Runbook"],
  ])("cleans %j to %j", (heading, title) => {
    expect(cleanTitle(heading)).toBe(title);
  });

  it.each([
    ["Runner Down", "runner-down"],
    ["RunnerDown", "runner-down"],
    ["HighHTTPLatency", "high-http-latency"],
    ["Service Won't Start", "service-wont-start"],
    ["High CPU/Memory Usage", "high-cpu-memory-usage"],
    ["Größe prüfen", "grosse-prufen"],
    ["🚨", ""],
  ])("slugs %j to %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe("alert names", () => {
  it.each([
    ["KubePodCrashLooping", true],
    ["RunnerDown", true],
    ["HighHTTPLatency", true],
    ["PostgreSQL", false],
    ["Overview", false],
    ["IPFS", false],
    ["Runner Down", false],
    ["runnerDown", false],
  ])("%j is alert-like: %s", (token, yes) => {
    expect(isAlertName(token)).toBe(yes);
  });

  it("reads code spans of an Alert label, or its comma-separated parts", () => {
    expect(alertNamesIn("`RunnerDown`")).toEqual(["RunnerDown"]);
    expect(alertNamesIn("`A`, `B`")).toEqual(["A", "B"]);
    expect(alertNamesIn("High Error Rate, Disk Full")).toEqual(["High Error Rate", "Disk Full"]);
  });

  it("reads the alert a runbook's title names", () => {
    expect(alertNamesFromTitle("KubePodCrashLooping")).toEqual(["KubePodCrashLooping"]);
    expect(alertNamesFromTitle("High Error Rate Alert")).toEqual(["High Error Rate"]);
    expect(alertNamesFromTitle("Runner Down")).toEqual([]);
    expect(alertNamesFromTitle("Critical Alerts Alert")).toEqual([]);
  });
});

describe("time boxes and durations", () => {
  it.each([
    ["Immediate Actions (0-2 minutes)", { fromMin: 0, toMin: 2 }],
    ["Investigation (2-5 min)", { fromMin: 2, toMin: 5 }],
    ["Investigation (5–15 minutes)", { fromMin: 5, toMin: 15 }],
    ["Stabilise (5 — 15 mins)", { fromMin: 5, toMin: 15 }],
    ["Immediate (0-1 hour)", { fromMin: 0, toMin: 60 }],
    ["Short-term (1-24 hours)", { fromMin: 60, toMin: 1440 }],
    ["Long-term (1-7 days)", { fromMin: 1440, toMin: 10080 }],
    ["Mixed (30 seconds to 2 minutes)", { fromMin: 0.5, toMin: 2 }],
    ["Recovery Actions", null],
    ["Phase (1-2)", null],
    ["Backwards (5-2 minutes)", null],
  ])("%j → %j", (title, box) => {
    expect(timeBox(title)).toEqual(box);
  });

  it("reads MTTR targets in minutes", () => {
    expect(durationMinutes("2 minutes")).toBe(2);
    expect(durationMinutes("1.5 hours")).toBe(90);
    expect(durationMinutes("30m")).toBe(30);
    expect(durationMinutes("1 day")).toBe(1440);
    expect(durationMinutes("soon")).toBeNull();
  });
});

describe("symptoms and shared sections", () => {
  it("splits an inline symptom list at commas outside code and quotes", () => {
    expect(splitSymptoms("Service unavailable, health checks failing")).toEqual(["Service unavailable", "health checks failing"]);
    expect(splitSymptoms('`a, b` and "c, d"; e')).toEqual(['`a, b` and "c, d"', "e"]);
  });

  it.each([
    ["Escalation Procedures", "escalation"],
    ["Emergency Contacts", "contacts"],
    ["Emergency Contact Procedures", "contacts"],
    ["Post-Incident Actions", "post-incident"],
    ["Postmortem", "post-incident"],
    ["Overview", "overview"],
    ["Table of Contents", "contents"],
    ["Quick Reference Commands", "reference"],
    ["Related Runbooks", "reference"],
    ["Runbook Maintenance", "maintenance"],
    ["Incident Response Workflow", "process"],
    ["Job Recovery Procedures", null],
    ["Runner Down", null],
  ])("%j is shared as %s", (title, category) => {
    expect(sharedCategory(title)).toBe(category);
  });
});

describe("dangerIn", () => {
  it.each([
    [["Use nats CLI to purge a stream (DANGER: Data loss)"], "DANGER: Data loss"],
    [["Clear NATS Data (Optional/DANGER): `rm -rf data/jetstream`"], "Optional/DANGER"],
    [["WARNING: this drops every table. Then restart."], "WARNING: this drops every table."],
    [["Warning: irreversible"], "Warning: irreversible"],
    [["⚠️ Deletes all leases"], "⚠️ Deletes all leases"],
    [["This is destructive, be sure"], "destructive"],
    [["Causes data loss on the replica"], "data loss"],
    [["CAUTION wipes the cache"], "CAUTION wipes the cache"],
    [["Severity: Warning"], null],
    [["Check warning logs"], null],
    [["Restart the worker"], null],
    [["plain", "# hint with (DANGER)"], "DANGER"],
  ])("%j → %j", (texts, phrase) => {
    expect(dangerIn(texts)).toBe(phrase);
  });
});
