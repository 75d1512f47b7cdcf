import { describe, expect, it } from "vitest";
import { parseRunbookDocument } from ".";
import { looksLikeCommand, placeholdersIn, shellComments } from "./commands";
import type { ParsedRunbook } from "./types";

const one = (md: string): ParsedRunbook => parseRunbookDocument(md, "x.md").runbooks[0];
const scenario = (body: string) => one(`## Runbook: X\n**Alert**: \`X\`\n\n${body}`);
const steps = (r: ParsedRunbook) => r.phases.flatMap((p) => p.steps);

describe("steps", () => {
  it("joins a fenced block written after a list to the list's last item", () => {
    const r = scenario("1. Check status\n2. Restart it\n\n```bash\nsystemctl restart x\n```\n");
    expect(steps(r).map((s) => [s.text, s.commands.map((c) => c.code)])).toEqual([["Check status", []], ["Restart it", ["systemctl restart x"]]]);
    expect(steps(r)[1].markdown).toBe("2. Restart it\n\n```bash\nsystemctl restart x\n```");
  });

  it("makes a paragraph with a command an action, one without a note", () => {
    const r = scenario("Run `kubectl get pods -n $NAMESPACE` first.\n\nThis usually takes a minute.\n");
    expect(steps(r).map((s) => s.kind)).toEqual(["action", "note"]);
    expect(r.placeholders).toEqual(["$NAMESPACE"]);
  });

  it("opens a phase at a bold label, with the colon inside or outside", () => {
    const r = scenario("**Diagnosis:**\n1. Look\n\n**Recovery**:\n1. Fix\n");
    expect(r.phases.map((p) => [p.title, p.steps.map((s) => s.text)])).toEqual([["Diagnosis", ["Look"]], ["Recovery", ["Fix"]]]);
  });

  it("puts steps before any phase heading in a phase without a title or bounds", () => {
    const r = scenario("1. First\n\n### Later (5-10 min)\n1. Second\n");
    expect(r.phases.map((p) => [p.title, p.fromMin, p.toMin, p.steps.length])).toEqual([[null, null, null, 1], ["Later (5-10 min)", 5, 10, 1]]);
  });

  it("reads lists in shared sections as notes unless they are numbered or hold commands", () => {
    const r = one("## Emergency Contacts\n- Ops: #ops\n- Run `pagerduty page ops`\n\n1. Call the lead\n");
    expect(steps(r).map((s) => s.kind)).toEqual(["note", "action", "action"]);
  });

  it("reads a table of contents as notes", () => {
    expect(steps(one("## Contents\n1. [A](#a)\n2. [B](#b)\n")).map((s) => [s.kind, s.text])).toEqual([["note", "A"], ["note", "B"]]);
  });

  it("keeps what it cannot read as notes, verbatim", () => {
    const r = scenario('<details><summary>More</summary>\n\n> **WARNING**: wipes the cache\n\n[^1]: footnote\n');
    expect(steps(r).map((s) => [s.kind, s.dangerous])).toEqual([["note", false], ["note", true], ["note", false]]);
    expect(steps(r)[0].markdown).toBe("<details><summary>More</summary>");
    expect(steps(r)[1].danger).toBe("WARNING: wipes the cache");
  });

  it("reads checklists, checked or not", () => {
    const r = scenario("- [ ] Page the lead\n- [x] Open the channel\n");
    expect(steps(r).map((s) => [s.kind, s.checked, s.text])).toEqual([["checklist", false, "Page the lead"], ["checklist", true, "Open the channel"]]);
  });

  it("keeps nested lists in the step's text", () => {
    expect(steps(scenario("1. **Gather**:\n   - metrics\n   - logs\n"))[0].text).toBe("Gather:\n- metrics\n- logs");
  });

  it("keeps a backtick inside inline code readable", () => {
    expect(steps(scenario("Run ``echo `date` `` now\n"))[0].text).toBe("Run ``echo `date` `` now");
  });

  it("reads label headings and labels as facts, not steps", () => {
    const r = one("## Runbook: A\n### MTTR Target: 1.5 hours\n### Owner: SRE\n### Severity: Warning\n**Trigger**: disk > 90%\n\n1. Clean\n");
    expect(r.mttrMinutes).toBe(90);
    expect(r.severity).toEqual({ raw: "Warning", level: "P3" });
    expect((r.meta ?? []).map((m) => m.label)).toEqual(["MTTR Target", "Owner", "Severity", "Trigger"]);
    expect(steps(r).map((s) => s.text)).toEqual(["Clean"]);
  });

  it("keeps an empty heading as a note", () => {
    expect(steps(scenario("### Notes\n\n### Steps\n1. a\n")).map((s) => [s.kind, s.text])).toEqual([["note", "Notes"], ["action", "a"]]);
  });

  it("reads a runbook whose sections are only headings", () => {
    const r = one("# Only headings\n## Runbook: A\n### Symptoms\n");
    expect(r.phases).toEqual([{ title: null, fromMin: null, toMin: null, steps: [], context: [] }]);
  });
});

describe("commands", () => {
  it.each([
    ["flyctl status --app beacon-runner-production", true],
    ["yagna payment status", true],
    ["scripts/router_stop.sh", true],
    ["./monitor.sh", true],
    ["curl -s http://localhost:9001/metrics | grep latency", true],
    ["outbox_oldest_unpublished_age_seconds", false],
    ["API_CONTRACTS.md", false],
    ["/srv/fondation/.env", false],
    ["Authentication error", false],
    ["LOG_STRUCTURED=true", false],
    ["jobs.reclaimExpired()", false],
    ["", false],
  ])("%j is a command: %s", (code, yes) => {
    expect(looksLikeCommand(code)).toBe(yes);
  });

  it("reads comment lines and trailing comments outside quotes as hints", () => {
    expect(shellComments("#!/bin/sh\n# 1. Stop\nstop  # why\necho '# not' \"a # b\"\n/slack create #incident-1\n##\n")).toEqual(["1. Stop", "why"]);
  });

  it("finds placeholders, minus variables the script sets and shell variables", () => {
    const cmd = (code: string) => ({ lang: "bash", code, hints: [], inline: false });
    expect(placeholdersIn(cmd("kubectl -n $NAMESPACE delete pod ${POD} && nats stream purge <STREAM_NAME> $NAMESPACE"))).toEqual(["$NAMESPACE", "${POD}", "<STREAM_NAME>", "$NAMESPACE"]);
    expect(placeholdersIn(cmd('TRACE_ID="x"\ngrep "$TRACE_ID" app.log; echo $HOME $pod $(date)'))).toEqual([]);
    expect(placeholdersIn(cmd("for NODE in a b; do ssh $NODE; done"))).toEqual([]);
    const r = scenario("```bash\necho $A $A ${B}\n```\n");
    expect(r.placeholders).toEqual(["$A", "${B}"]);
  });
});
