import { describe, expect, it } from "vitest";
import { diffVersions } from "@/lib/runbooks/diff";

describe("version diff", () => {
  it("shows added and removed lines with their line numbers and context", () => {
    const a = ["# Runner Down", "", "1. Check status", "2. Restart", "3. Verify", "", "end"].join("\n");
    const b = ["# Runner Down", "", "1. Check status", "2. Restart the runner", "3. Verify", "", "end"].join("\n");
    const d = diffVersions(a, b);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(1);
    expect(d.lines.filter((l) => l.kind !== "same")).toEqual([
      { kind: "del", text: "2. Restart", oldLine: 4, newLine: null },
      { kind: "add", text: "2. Restart the runner", oldLine: null, newLine: 4 },
    ]);
  });
  it("is empty for identical text", () => {
    expect(diffVersions("same\n", "same\n")).toEqual({ lines: [], added: 0, removed: 0 });
  });
});
