import { describe, expect, it } from "vitest";
import { insertBinding } from "@/lib/runbooks/bind";
import { parseRunbookDocument } from "@/lib/runbooks/parse";

const parse = (md: string) => parseRunbookDocument(md, "x.md").runbooks[0];

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
});
