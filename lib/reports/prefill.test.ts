import { describe, expect, it } from "vitest";
import { prefillSection, type PrefillData } from "@/lib/reports/prefill";
import { DEFAULT_REPORT_TEMPLATES } from "@/lib/reports/defaults";

const t = (hhmm: string, day = "2026-11-30") => new Date(`${day}T${hhmm}:00Z`);
const base: PrefillData = {
  incident: {
    number: 42, title: "Outbox stuck", summary: "Jobs queued for 40 minutes;\nno data lost.", severity: "P1", services: ["beacon-runner", "yagna"],
    startedAt: t("10:00"), acknowledgedAt: t("10:03"), investigatingAt: t("10:05"), identifiedAt: t("10:20"),
    mitigatedAt: t("10:35"), resolvedAt: t("10:42"), commander: "Alice", scribe: "Bob", comms: null,
  },
  pinned: [{ at: t("10:15"), text: "Outbox count is 12k and growing" }],
  actions: [
    { at: t("10:30"), title: "Reset circuit breaker", service: "beacon-runner", status: "succeeded", verify: "passed", by: "Alice", approvedBy: "Bob" },
    { at: t("10:33"), title: "Flush outbox", service: "beacon-runner", status: "failed", verify: null, by: "Alice", approvedBy: null },
  ],
  mttrTarget: { minutes: 30, runbook: "Outbox stuck" },
};
const section = (key: string) => DEFAULT_REPORT_TEMPLATES[0].sections.find((s) => s.key === key)!;

describe("report prefill", () => {
  it("sums up duration, impact, severity, services, roles, MTTA and MTTR against their targets", () => {
    expect(prefillSection(section("summary"), base).split("\n")).toEqual([
      "- **Incident**: INC-42 Outbox stuck",
      "- **Duration**: 2026-11-30 10:00 UTC – 2026-11-30 10:42 UTC (42m 00s)",
      "- **Impact**: Jobs queued for 40 minutes; no data lost.",
      "- **Severity**: P1 (Critical)",
      "- **Services**: beacon-runner, yagna",
      "- **Roles**: commander Alice · scribe Bob · comms none",
      "- **MTTA**: 3m 00s (target 5m 00s: met)",
      "- **MTTR**: 42m 00s (target 30 min, from the runbook “Outbox stuck”: missed)",
    ]);
  });

  it("says when there is no MTTR target, when the incident is not resolved, and when no impact was written", () => {
    const open = { ...base, mttrTarget: null, incident: { ...base.incident, summary: "", acknowledgedAt: t("10:09"), resolvedAt: null } };
    const text = prefillSection(section("summary"), open, t("11:00"));
    expect(text).toContain("- **Duration**: 2026-11-30 10:00 UTC – still open (1h 00m so far)");
    expect(text).toContain("- **Impact**: _Who and what was affected");
    expect(text).toContain("- **MTTA**: 9m 00s (target 5m 00s: missed)");
    expect(text).toContain("- **MTTR**: not reached");
  });

  it("calls an acknowledgement or resolution before the start invalid, not missing", () => {
    const bad = { ...base, incident: { ...base.incident, acknowledgedAt: t("09:50"), resolvedAt: t("09:55") } };
    const text = prefillSection(section("summary"), bad);
    expect(text).toContain("- **MTTA**: invalid: it ends before the incident started, check the times");
    expect(text).toContain("- **MTTR**: invalid: it ends before the incident started, check the times");
  });

  it("lists the key timeline events in order: milestones and pinned events", () => {
    expect(prefillSection(section("timeline"), base).split("\n")).toEqual([
      "- 10:00 UTC – Issue detected",
      "- 10:03 UTC – Acknowledged",
      "- 10:05 UTC – Investigation started",
      "- 10:15 UTC – 📌 Outbox count is 12k and growing",
      "- 10:20 UTC – Root cause identified",
      "- 10:35 UTC – Fix applied",
      "- 10:42 UTC – Service restored",
    ]);
  });

  it("dates the timeline when the incident spans days, and skips milestones never reached", () => {
    const long = { ...base, pinned: [], incident: { ...base.incident, investigatingAt: null, identifiedAt: null, mitigatedAt: null, resolvedAt: t("09:00", "2026-12-01") } };
    expect(prefillSection(section("timeline"), long).split("\n")).toEqual([
      "- 2026-11-30 10:00 UTC – Issue detected",
      "- 2026-11-30 10:03 UTC – Acknowledged",
      "- 2026-12-01 09:00 UTC – Service restored",
    ]);
  });

  it("lists the recovery actions run, with their outcomes and who ran and approved them", () => {
    expect(prefillSection(section("resolution"), base)).toBe(
      "- 10:30 UTC – **Reset circuit breaker** on beacon-runner: succeeded, verified (run by Alice, approved by Bob)\n" +
        "- 10:33 UTC – **Flush outbox** on beacon-runner: failed (run by Alice)\n\n_Add the steps taken by hand._",
    );
    expect(prefillSection(section("resolution"), { ...base, actions: [] })).toMatch(/^_No recovery action was run from Sitrep\./);
  });

  it("outlines lessons learned as the seed's two questions", () => {
    expect(prefillSection(section("lessons-learned"), base)).toBe("### What went well\n\n- \n\n### What could be improved\n\n- ");
  });

  it("tables MTTA, MTTM and MTTR against their targets", () => {
    const table = prefillSection({ key: "times", title: "Times", type: "mttx", guidance: "" }, base);
    expect(table).toContain("| MTTM (mitigate) | 35m 00s | none |");
    expect(table).toContain("| MTTR (resolve) | 42m 00s (target 30 min, from the runbook “Outbox stuck”: missed) | 30 min |");
  });
});
