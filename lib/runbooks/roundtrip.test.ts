import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Nodes } from "mdast";
import { exportRunbook, exportRunbooks } from "./export";
import { parseRunbookDocument } from "./parse";
import { parseMarkdown, walk } from "./parse/markdown";
import type { ParsedRunbook } from "./parse/types";

// The five seed runbooks, as shipped with the demo (byte for byte ../shared/seeds/).
const SEEDS = new URL("../../demo/runbooks/", import.meta.url);
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith(".md")).sort();
const readSeed = (file: string) => readFileSync(new URL(file, SEEDS), "utf8");
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** Everything a runbook's structure says in words: titles, labelled facts, steps. */
function wordsOf(r: ParsedRunbook, docTitle: string): string {
  const phases = r.phases.flatMap((p) => [p.title ?? "", ...(p.context ?? []), ...p.steps.flatMap((s) => [s.markdown, s.text])]);
  return squash([docTitle, r.title, r.heading ?? "", ...(r.groups ?? []), ...(r.meta ?? []).map((m) => m.markdown), ...phases].join("\n"));
}

describe("round trip of the seed documents", () => {
  it("finds all five seeds", () => {
    expect(seedFiles).toEqual([
      "agent-node-operational-runbook.md",
      "aitbc-incident-runbooks.md",
      "beacon-runner-runbook.md",
      "beamline-router-recovery.md",
      "fondation-worker-runbook.md",
    ]);
  });

  describe.each(seedFiles)("%s", (file) => {
    const source = readSeed(file);
    const doc = parseRunbookDocument(source, file);

    it("joins the runbooks' Markdown back into the source, byte for byte", () => {
      expect(doc.runbooks.map((r) => r.markdown).join("")).toBe(source);
      expect(exportRunbooks(doc.runbooks)).toBe(source);
      for (const r of doc.runbooks) expect(exportRunbook(r)).toBe(r.markdown);
    });

    it("starts each runbook on the line its Markdown starts", () => {
      let offset = 0;
      for (const r of doc.runbooks) {
        expect(r.line).toBe(source.slice(0, offset).split("\n").length);
        offset += r.markdown.length;
      }
    });

    it("keeps every text node in the runbook it sits in (a step, a title or a labelled fact)", () => {
      const ends = doc.runbooks.map((_, i) => doc.runbooks.slice(0, i + 1).reduce((n, r) => n + r.markdown.length, 0));
      const words = doc.runbooks.map((r) => wordsOf(r, doc.title));
      const missing: string[] = [];
      walk(parseMarkdown(source) as Nodes, (n) => {
        if (n.type !== "text" || !n.value.trim()) return;
        const at = n.position!.start.offset!;
        const i = ends.findIndex((end) => at < end);
        // "**Investigation:**" opens a phase titled "Investigation": the colon is the label's.
        if (!words[i].includes(squash(n.value).replace(/:$/, ""))) missing.push(`${doc.runbooks[i].key}: ${n.value}`);
      });
      expect(missing).toEqual([]);
    });

    it("keeps every step's Markdown inside its runbook's Markdown", () => {
      for (const r of doc.runbooks) for (const p of r.phases) for (const s of p.steps) expect(r.markdown).toContain(s.markdown);
    });

    it("reads each runbook exported on its own as the same steps", () => {
      for (const r of doc.runbooks) {
        const again = parseRunbookDocument(exportRunbook(r), `${r.key}.md`);
        const texts = (rs: ParsedRunbook[]) => rs.flatMap((x) => x.phases.flatMap((p) => p.steps.map((s) => s.text)));
        expect(texts(again.runbooks)).toEqual(texts([r]));
        expect(exportRunbooks(again.runbooks)).toBe(r.markdown);
      }
    });

    it("parses the same way twice", () => {
      expect(parseRunbookDocument(source, file)).toEqual(doc);
    });
  });
});

describe("export", () => {
  it("concatenates in the order given and keeps every character", () => {
    const parts = [{ markdown: "# A\r\n\r\n" }, { markdown: "" }, { markdown: "## B ⚠️ `x`\n- [ ] y" }];
    expect(exportRunbooks(parts)).toBe("# A\r\n\r\n## B ⚠️ `x`\n- [ ] y");
    expect(exportRunbooks([])).toBe("");
  });

  it("keeps a byte order mark and CRLF line endings through a round trip", () => {
    const source = "\uFEFF# Doc\r\n\r\n## Runbook: A\r\n**Severity**: P2\r\n1. one\r\n2. two\r\n\r\n## Contacts\r\n- ops\r\n";
    const doc = parseRunbookDocument(source, "doc.md");
    expect(exportRunbooks(doc.runbooks)).toBe(source);
    // "# Doc" has no text of its own: its heading opens the first runbook.
    expect(doc.runbooks.map((r) => r.key)).toEqual(["a", "contacts"]);
    expect(doc.runbooks[0].markdown.startsWith("\uFEFF# Doc\r\n")).toBe(true);
    expect(doc.runbooks.map((r) => r.line)).toEqual([1, 8]);
  });
});
