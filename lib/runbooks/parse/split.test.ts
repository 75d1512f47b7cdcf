import { describe, expect, it } from "vitest";
import { parseRunbookDocument } from ".";

const parse = (source: string, file = "doc.md") => parseRunbookDocument(source, file);
const shape = (source: string, file?: string) => parse(source, file).runbooks.map((r) => `${r.kind === "scenario" ? "S" : "-"} ${r.key}`);
const joined = (source: string) => parse(source).runbooks.map((r) => r.markdown).join("");

describe("splitting a document into runbooks", () => {
  it("splits at the headings whose sections carry a marker, at whatever level", () => {
    const md = "# Ops\n\nIntro.\n\n## Alerts\n\n### Critical Alerts\n\n#### Disk Full\n**Alert**: `DiskFull`\n\n1. Clean\n\n#### Node Down\n**Severity**: P1\n\n1. Reboot\n\n## Database\n\n### Symptoms\n- slow\n\n1. Restart\n\n## Contacts\n- ops\n";
    expect(shape(md)).toEqual(["- overview", "S disk-full", "S node-down", "S database", "- contacts"]);
    const [, disk, , db] = parse(md).runbooks;
    expect(disk.markdown.startsWith("## Alerts\n\n### Critical Alerts\n\n#### Disk Full\n")).toBe(true);
    expect(disk.groups).toEqual(["Alerts", "Critical Alerts"]);
    expect(disk.tags).toEqual(["alerts", "critical-alerts"]);
    expect(disk.severity).toEqual({ raw: "Critical Alerts", level: "P1" });
    expect(db.symptoms).toEqual(["slow"]);
    expect(joined(md)).toBe(md);
  });

  it("keeps a group's own text as an entry of its own", () => {
    const md = "## Alerts\n\nThese fire from Prometheus.\n\n### A\n**Alert**: `A`\n\n### B\n**Alert**: `B`\n";
    expect(shape(md)).toEqual(["- alerts", "S a", "S b"]);
    expect(parse(md).runbooks[0].tags).toEqual(["overview"]);
  });

  it("treats a CamelCase heading as an alert runbook", () => {
    const md = "# Alerts\n\n## KubePodCrashLooping\nDelete the pod.\n\n## KubeNodeNotReady\nCordon the node.\n";
    const doc = parse(md);
    expect(shape(md)).toEqual(["S kube-pod-crash-looping", "S kube-node-not-ready"]);
    expect(doc.runbooks.map((r) => r.alerts)).toEqual([["KubePodCrashLooping"], ["KubeNodeNotReady"]]);
  });

  it("makes a file named like an alert one scenario answering it", () => {
    expect(shape("# Pod keeps restarting\n\nLook at the logs, then delete the pod.\n", "alerts/KubePodCrashLooping.md")).toEqual(["S pod-keeps-restarting"]);
    expect(parse("# Pod keeps restarting\n\nSome text.\n", "KubePodCrashLooping.md").runbooks[0].alerts).toEqual(["KubePodCrashLooping"]);
    expect(parse("# Restart\n\n1. a\n2. b\n", "KubePodCrashLooping.md").runbooks[0].alerts).toEqual(["KubePodCrashLooping"]);
  });

  it("without markers, lets numbered steps decide", () => {
    const one = "## Clean Restart\n\n### Scenario\nWhen state is bad.\n\n### Procedure\n1. Stop\n2. Start\n";
    expect(shape(one)).toEqual(["S clean-restart"]);
    const two = "## Job Recovery\n\n### Stuck Jobs\n1. Find\n2. Retry\n\n### Failed Jobs\n1. Read logs\n2. Fix\n\n### Notes\nNothing.\n";
    expect(shape(two)).toEqual(["S stuck-jobs", "S failed-jobs", "- notes"]);
    const scripted = "## Emergency\n\n### Breach\n```bash\n# 1. Stop\nstop\n# 2. Rotate\nrotate\n```\n\n### Corruption\n```bash\n# 1. Stop\n# 2. Wipe\n```\n";
    expect(shape(scripted)).toEqual(["S breach", "S corruption"]);
    expect(shape("## Reference\n\n### Paths\n- /srv\n")).toEqual(["- reference"]);
    expect(shape("# NATS down\n\n1. Restart NATS: `systemctl restart nats`\n")).toEqual(["S nats-down"]);
    expect(shape("# Notes\n\n1. Only one thing\n")).toEqual(["- overview"]);
  });

  it("keeps shared sections whole even when they number their steps", () => {
    expect(shape("## Runbook: A\n### Symptoms\n- x\n\n## Post-Incident Actions\n1. Write it up\n2. Fix it\n\n## Escalation\n1. Lead\n2. CTO\n")).toEqual([
      "S a", "- post-incident-actions", "- escalation",
    ]);
  });

  it("gives the same key to no two runbooks", () => {
    const md = "## Runbook: Restart\n**Severity**: P2\n\n## Runbook: Restart\n**Severity**: P3\n\n## Runbook: Restart\n**Severity**: P4\n";
    expect(shape(md)).toEqual(["S restart", "S restart-2", "S restart-3"]);
  });

  it("handles documents without headings, empty ones and blank ones", () => {
    expect(parse("", "x.md").runbooks).toEqual([]);
    expect(shape("  \n\n")).toEqual(["- overview"]);
    expect(shape("1. Stop\n2. Start\n", "restart.md")).toEqual(["S restart"]);
    expect(shape("Just words.")).toEqual(["- overview"]);
    expect(parse("Just words.", "notes/ops.md").title).toBe("ops");
  });

  it("cuts at whole lines, also before indented, setext and CRLF headings", () => {
    const md = "Intro\r\n\r\n  ## Runbook: A\r\n**Alert**: `A`\r\n\r\nRunbook B\r\n---------\r\n**Alert**: `B`\r\n";
    const doc = parse(md);
    expect(doc.runbooks.map((r) => [r.key, r.line])).toEqual([["overview", 1], ["a", 3], ["runbook-b", 6]]);
    expect(doc.runbooks[1].markdown.startsWith("  ## Runbook: A")).toBe(true);
    expect(joined(md)).toBe(md);
  });

  it("starts a setext heading's runbook after the link definitions written above it", () => {
    const md = "## Runbook: A\n**Alert**: `A`\n\n[x]: http://e.x\nRunbook: B\n---\n**Alert**: `B`\n";
    expect(parse(md).runbooks.map((r) => [r.key, r.line, r.markdown])).toEqual([
      ["a", 1, "## Runbook: A\n**Alert**: `A`\n\n[x]: http://e.x\n"],
      ["b", 5, "Runbook: B\n---\n**Alert**: `B`\n"],
    ]);
  });

  it("does not split at headings inside lists, quotes or code", () => {
    const md = "## Runbook: A\n**Alert**: `A`\n\n> ## Quoted\n\n- ## In a list\n\n```\n## In code\n```\n";
    expect(shape(md)).toEqual(["S a"]);
  });

  it("keeps the line each runbook starts on", () => {
    const md = "# T\n\nx\n\n## Runbook: A\n**Alert**: `A`\n\n## Runbook: B\n**Alert**: `B`\n";
    expect(parse(md).runbooks.map((r) => r.line)).toEqual([1, 5, 8]);
  });
});
