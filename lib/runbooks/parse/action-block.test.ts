import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbookDocument } from ".";
import { readActionBlock } from "./action-block";

const fixture = readFileSync(new URL("../fixtures/sitrep-actions.md", import.meta.url), "utf8");

describe("readActionBlock", () => {
  it("reads service/action with flow-style params", () => {
    expect(readActionBlock("action: beacon-runner/reset-circuit-breakers\nparams: {service: yagna}\n")).toEqual({
      ok: true, binding: { service: "beacon-runner", action: "reset-circuit-breakers", params: { service: "yagna" } }, title: null,
    });
  });

  it("reads a separate service, a title and block-style params, as strings", () => {
    expect(readActionBlock("service: worker\naction: restart\ntitle: Restart it\nparams:\n  count: 3\n  force: true\n")).toEqual({
      ok: true, binding: { service: "worker", action: "restart", params: { count: "3", force: "true" } }, title: "Restart it",
    });
  });

  it.each([
    ["", "action"],
    ["action: [unclosed", "invalid YAML"],
    ["- a\n- b", "expected object"],
    ["action: restart", "service/action"],
    ["action: a/b/c", "service/action"],
    ["action: a/b\nparams: [1, 2]", "params"],
    ["action: a/b\nparams:\n  x: {y: 1}", "params.x"],
    ["action: a/b\nparms: {}", "parms"],
    ["just words", "service/action"],
    ["a: &a [*a, *a]\naction: x/y", "sitrep-action block ignored"],
  ])("explains what is wrong with %j instead of throwing", (code, hint) => {
    const read = readActionBlock(code);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.note).toMatch(/^sitrep-action block ignored: /);
      expect(read.note).toContain(hint);
    }
  });
});

describe("sitrep-action blocks in a runbook", () => {
  const [runbook] = parseRunbookDocument(fixture, "beacon.md").runbooks;
  const steps = runbook.phases.flatMap((p) => p.steps);

  it("binds the list item the block is nested in, and is not a command", () => {
    expect(steps[0]).toMatchObject({ kind: "action", text: "Reset the circuit breakers", commands: [] });
    expect(steps[0].binding).toEqual({ service: "beacon-runner", action: "reset-circuit-breakers", params: { service: "yagna" } });
    expect(steps[0].markdown).toContain("```sitrep-action");
  });

  it("binds the paragraph it follows, after that paragraph's script", () => {
    expect(steps[2].text).toBe("Restart yagna on the provider node:");
    expect(steps[2].commands.map((c) => c.lang)).toEqual(["bash"]);
    expect(steps[2].binding).toEqual({ service: "beacon-runner", action: "restart-yagna", params: {} });
  });

  it("leaves a note on the step when the block is broken, and keeps the step", () => {
    expect(steps[3].binding).toBeNull();
    expect(steps[3].notes?.[0]).toMatch(/^sitrep-action block ignored: invalid YAML/);
    expect(steps[4].binding).toBeNull();
    expect(steps[4].notes).toEqual(["sitrep-action block ignored: params.queue: use one value (text, a number, true or false)"]);
  });

  it("makes a block on its own a step of its own, or a note when it cannot be read", () => {
    expect(steps[5]).toMatchObject({ kind: "action", text: "Drain the runner", binding: { service: "beacon-runner", action: "drain", params: { region: "lhr", force: "false" } } });
    expect(steps[6]).toMatchObject({ kind: "note", binding: null, text: "just some words that are not an action" });
    expect(steps[6].notes?.[0]).toContain("write the action as service/action");
  });

  it("reads the rest of the runbook as usual", () => {
    expect(runbook).toMatchObject({ key: "runner-down", kind: "scenario", alerts: ["RunnerDown"], severity: { raw: "P2 - High", level: "P2" } });
    expect(runbook.phases.map((p) => [p.title, p.fromMin, p.toMin, p.steps.length])).toEqual([
      ["Immediate Actions (0–2 min)", 0, 2, 3], ["Investigation (2-5 minutes)", 2, 5, 2], ["Drain", null, null, 2],
    ]);
  });

  it("ignores a second block for the same step with a note", () => {
    const doc = parseRunbookDocument("## X\n**Alert**: `A`\n\n1. Do it\n   ```sitrep-action\n   action: s/a\n   ```\n   ```sitrep-action\n   action: s/b\n   ```\n", "x.md");
    const step = doc.runbooks[0].phases[0].steps[0];
    expect(step.binding?.action).toBe("a");
    expect(step.notes).toEqual(["a second sitrep-action block for this step was ignored"]);
  });
});

describe("a sitrep-action block after a step that is only a fenced block or a table", () => {
  const stepsOf = (body: string) => parseRunbookDocument(`## X\n**Alert**: \`A\`\n\n${body}`, "x.md").runbooks[0].phases.flatMap((p) => p.steps);
  const action = (name: string, extra = "") => `\`\`\`sitrep-action\naction: s/${name}\n${extra}\`\`\``;
  const script = "```bash\n# restart the daemon\nsystemctl restart yagna\n```";
  const table = "| Check | Command |\n|---|---|\n| status | `systemctl status yagna` |";

  it("binds a command block, which keeps its command and takes the block into its Markdown", () => {
    const steps = stepsOf(`${script}\n\n${action("restart")}\n\nThen watch.\n`);
    expect(steps.map((s) => [s.kind, s.text, s.binding?.action ?? null])).toEqual([["action", "restart the daemon", "restart"], ["note", "Then watch.", null]]);
    expect(steps[0].commands.map((c) => c.code)).toEqual(["# restart the daemon\nsystemctl restart yagna"]);
    expect(steps[0].markdown).toBe(`${script}\n\n${action("restart")}`);
  });

  it("binds a table, which stays a table", () => {
    const [step, ...rest] = stepsOf(`${table}\n\n${action("status")}\n`);
    expect(rest).toEqual([]);
    expect(step).toMatchObject({ kind: "table", binding: { service: "s", action: "status", params: {} }, table: { headers: ["Check", "Command"], rows: [["status", "`systemctl status yagna`"]] } });
    expect(step.markdown).toBe(`${table}\n\n${action("status")}`);
  });

  it("makes a sample to read an action once it is bound", () => {
    expect(stepsOf(`\`\`\`text\nstatus: degraded\n\`\`\`\n\n${action("heal")}\n`).map((s) => [s.kind, s.binding?.action])).toEqual([["action", "heal"]]);
  });

  it("keeps a titled block a step of its own", () => {
    const steps = stepsOf(`${script}\n\n${action("restart", "title: Restart yagna\n")}\n`);
    expect(steps.map((s) => [s.text, s.binding?.action ?? null])).toEqual([["restart the daemon", null], ["Restart yagna", "restart"]]);
  });

  it("ignores a second block with a note, and leaves a note for a broken one", () => {
    const [twice] = stepsOf(`${script}\n\n${action("a")}\n\n${action("b")}\n`);
    expect([twice.binding?.action, twice.notes]).toEqual(["a", ["a second sitrep-action block for this step was ignored"]]);
    const broken = stepsOf(`${table}\n\n\`\`\`sitrep-action\naction: [\n\`\`\`\n`);
    expect(broken).toHaveLength(1);
    expect([broken[0].binding, broken[0].notes?.[0]]).toEqual([null, expect.stringMatching(/^sitrep-action block ignored: invalid YAML/)]);
  });

  it("takes no other fenced block, and an action step takes no second block", () => {
    expect(stepsOf(`${script}\n\n\`\`\`bash\nyagna status\n\`\`\`\n`).map((s) => s.commands.length)).toEqual([1, 1]);
    expect(stepsOf(`${action("a")}\n\n${action("b")}\n`).map((s) => s.binding?.action)).toEqual(["a", "b"]);
  });
});
