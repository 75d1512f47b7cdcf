import { describe, expect, it } from "vitest";
import { alertKey, linkRunbook, runbookIndex } from "@/lib/alerts/runbook-link";

const index = runbookIndex([
  { id: "r1", slug: "runner-down", alerts: ["RunnerDown"] },
  { id: "r2", slug: "high-error-rate", alerts: ["High Error Rate Alert", "HighErrorRate"] },
]);

describe("linkRunbook", () => {
  it("matches the alertname against the runbooks' alert names, loosely", () => {
    expect(alertKey("High Error Rate Alert")).toBe(alertKey("high_error_rate"));
    expect(linkRunbook(index, "RunnerDown", null)).toEqual({ runbookId: "r1", runbookUrl: null });
    expect(linkRunbook(index, "high_error_rate", null)).toEqual({ runbookId: "r2", runbookUrl: null });
    expect(linkRunbook(index, "DiskFull", null)).toEqual({ runbookId: null, runbookUrl: null });
  });

  it("a runbook_url to one of Sitrep's runbooks links it, whatever the alert is called", () => {
    expect(linkRunbook(index, "Whatever", "https://sitrep.example/runbooks/runner-down")).toEqual({ runbookId: "r1", runbookUrl: null });
    expect(linkRunbook(index, "Whatever", "high-error-rate")).toEqual({ runbookId: "r2", runbookUrl: null });
  });

  it("with Sitrep's public host known, a runbook_url on another host stays an outside link", () => {
    expect(linkRunbook(index, "Whatever", "https://wiki.example/runbooks/runner-down", "sitrep.example")).toEqual({ runbookId: null, runbookUrl: "https://wiki.example/runbooks/runner-down" });
    expect(linkRunbook(index, "Whatever", "https://sitrep.example/runbooks/runner-down", "sitrep.example")).toEqual({ runbookId: "r1", runbookUrl: null });
  });

  it("keeps an outside runbook_url as a link, and refuses what is not http(s)", () => {
    expect(linkRunbook(index, "DiskFull", "https://wiki.example/disk-full")).toEqual({ runbookId: null, runbookUrl: "https://wiki.example/disk-full" });
    expect(linkRunbook(index, "DiskFull", "javascript:alert(1)")).toEqual({ runbookId: null, runbookUrl: null });
  });
});
