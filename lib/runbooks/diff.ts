import { structuredPatch } from "diff";

export type DiffLine = { kind: "add" | "del" | "same" | "gap"; text: string; oldLine: number | null; newLine: number | null };

/** A unified diff of two versions as lines to draw, three lines of context around each change. */
export function diffVersions(before: string, after: string): { lines: DiffLine[]; added: number; removed: number } {
  const patch = structuredPatch("before", "after", before, after, "", "", { context: 3 });
  const lines: DiffLine[] = [];
  let added = 0, removed = 0;
  for (const [i, h] of patch.hunks.entries()) {
    if (i > 0 || h.oldStart > 1) lines.push({ kind: "gap", text: `@@ line ${h.oldStart} → ${h.newStart} @@`, oldLine: null, newLine: null });
    let o = h.oldStart, n = h.newStart;
    for (const raw of h.lines) {
      const mark = raw[0], text = raw.slice(1);
      if (mark === "\\") continue; // "\ No newline at end of file"
      if (mark === "+") { lines.push({ kind: "add", text, oldLine: null, newLine: n++ }); added++; }
      else if (mark === "-") { lines.push({ kind: "del", text, oldLine: o++, newLine: null }); removed++; }
      else lines.push({ kind: "same", text, oldLine: o++, newLine: n++ });
    }
  }
  return { lines, added, removed };
}
