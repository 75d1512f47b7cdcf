import { describe, expect, it } from "vitest";
import { insertBinding } from "@/lib/runbooks/bind";
import { parseRunbookDocument } from "@/lib/runbooks/parse";

const parse = (md: string) => parseRunbookDocument(md, "x.md").runbooks[0];
const stepsOf = (md: string) => parse(md).phases.flatMap((p, pi) => p.steps.map((s, si) => ({ key: `${pi}.${si}`, ...s })));
/** The step with its binding and Markdown set aside: what binding must leave as it was. */
const unbound = (s: ReturnType<typeof stepsOf>[number]) => ({ ...s, binding: undefined, markdown: undefined });

describe("binding a step to an action", () => {
  it("puts the block inside a list item, so the list and its numbering stay whole", () => {
    const md = "# Runner down\n\n1. **Check**: `flyctl status --app beacon`\n2. **Restart**: `flyctl restart --app beacon`\n3. **Verify**: `curl -f /health`\n";
    const out = insertBinding(md, parse(md), "0.1", { service: "beacon-runner", action: "restart" })!;
    expect(out).toContain("2. **Restart**: `flyctl restart --app beacon`\n\n   ```sitrep-action\n   action: beacon-runner/restart\n   ```\n");
    const again = parse(out);
    const steps = again.phases.flatMap((p) => p.steps);
    expect(steps.map((s) => s.binding?.action ?? null)).toEqual([null, "restart", null]);
    expect(steps.map((s) => s.text.split(":")[0])).toEqual(["Check", "Restart", "Verify"]);
  });

  it("binds a paragraph step, with parameters, and keeps every other byte", () => {
    const md = "# Breakers\n\nReset them: `curl -X POST /admin/circuit-breakers/reset`\n\nThen watch.\n";
    const out = insertBinding(md, parse(md), "0.0", { service: "beacon-runner", action: "reset-circuit-breakers", params: { service: "yagna" } })!;
    expect(out.replace(/\n\n```sitrep-action[\s\S]*?```/, "")).toBe(md);
    expect(parse(out).phases[0].steps[0].binding).toEqual({ service: "beacon-runner", action: "reset-circuit-breakers", params: { service: "yagna" } });
  });

  it("says so when the step does not exist", () => {
    const md = "# X\n\n1. one\n";
    expect(insertBinding(md, parse(md), "4.2", { service: "a", action: "b" })).toBeNull();
  });

  it.each([
    ["a step that is only a fenced block", "```bash\n# restart the runner\nflyctl restart --app beacon\n```"],
    ["a table", "| Check | Command |\n|---|---|\n| status | `flyctl status --app beacon` |"],
  ])("binds %s, and parsing it again finds the same steps", (_, step) => {
    const md = `# Runner down\n\n## Check\n\n1. Look first\n\n## Recovery\n\n${step}\n\nThen watch the dashboard.\n`;
    const before = stepsOf(md);
    const out = insertBinding(md, parse(md), "1.0", { service: "beacon-runner", action: "restart", params: { region: "lhr" } })!;
    expect(out).toBe(md.replace(`${step}\n`, `${step}\n\n\`\`\`sitrep-action\naction: beacon-runner/restart\nparams:\n  region: "lhr"\n\`\`\`\n`));
    const after = stepsOf(out);
    expect(after.map(unbound)).toEqual(before.map(unbound));
    expect(after.map((s) => s.binding ?? null)).toEqual([null, { service: "beacon-runner", action: "restart", params: { region: "lhr" } }, null]);
    expect(after[1].markdown).toBe(`${step}\n\n\`\`\`sitrep-action\naction: beacon-runner/restart\nparams:\n  region: "lhr"\n\`\`\``);
  });

  it("binds any step of a mixed runbook without adding or losing a step", () => {
    const md = [
      "# Mixed", "", "```bash", "systemctl restart x", "```", "", "```sh", "journalctl -u x", "```", "", "Check it: `systemctl status x`", "",
      "| a | b |", "|---|---|", "| 1 | 2 |", "", "- [ ] Page the lead", "- Run `x heal`", "", "---", "", "    indented code", "", "```text", "sample", "```",
    ].join("\n");
    const before = stepsOf(md);
    expect(before.map((s) => s.kind)).toEqual(["action", "action", "action", "table", "checklist", "action", "action", "note"]);
    for (const { key } of before) {
      const after = stepsOf(insertBinding(md, parse(md), key, { service: "s", action: "a" })!);
      expect(after.map(unbound), key).toEqual(before.map(unbound).map((s) => (s.key === key && s.kind === "note" ? { ...s, kind: "action" } : s)));
      expect(after.map((s) => (s.binding ? s.key : null)).filter(Boolean), key).toEqual([key]);
    }
  });

  it("indents the block to a checklist item's content, not past its checkbox (that would be indented code)", () => {
    const md = "# X\n\n- [ ] Page the lead\n- [x] Open the channel\n";
    const out = insertBinding(md, parse(md), "0.0", { service: "s", action: "a" })!;
    expect(out).toBe("# X\n\n- [ ] Page the lead\n\n  ```sitrep-action\n  action: s/a\n  ```\n\n- [x] Open the channel\n");
    expect(stepsOf(out).map((s) => [s.kind, s.binding?.action ?? null, s.commands.length])).toEqual([["checklist", "a", 0], ["checklist", null, 0]]);
  });

  it("does not read a standalone indented code block as a list item", () => {
    const md = "# X\n\n## Steps\n\n    - not a list, code\n\nafter\n";
    const out = insertBinding(md, parse(md), "0.0", { service: "s", action: "a" })!;
    expect(stepsOf(out).map((s) => [s.kind, s.binding?.action ?? null])).toEqual([["action", "a"], ["note", null]]);
  });
});
