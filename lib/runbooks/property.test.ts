import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportRunbooks } from "./export";
import { parseRunbookDocument } from "./parse";
import { commandMatches, suggestBindings } from "./parse/bindings";

const RUNS = { numRuns: 400, seed: 20261201 } as const;

// Any UTF-16 code unit, lone surrogates, NUL and CR included.
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 200 });
const text = fc.string({ unit: "grapheme", maxLength: 24 });
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,16}$/);
const eol = fc.constantFrom("\n", "\r\n", "\r", "\n\n");

/** Blocks that look like runbook Markdown, half-finished ones included. */
const block = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), word, fc.constantFrom("", " (0-2 minutes)", " (5–15 min)", ":", " Alert")).map(([n, t, s]) => `${"#".repeat(n)} ${t}${s}`),
  fc.tuple(fc.constantFrom("Alert", "Severity", "Symptoms", "Trigger", "MTTR Target", "Steps", "Investigation"), text).map(([l, v]) => `**${l}**: ${v}`),
  fc.tuple(fc.constantFrom("- ", "* ", "1. ", "2) ", "- [ ] ", "- [x] ", "   - "), text).map(([m, t]) => m + t),
  fc.tuple(fc.constantFrom("```", "~~~", "````"), fc.constantFrom("", "bash", "sitrep-action", "markdown"), text).map(([f, l, body]) => `${f}${l}\n${body}\n# 1. hint $VAR <NAME>\n${f}`),
  fc.constantFrom("```sitrep-action\naction: svc/act\nparams: {a: 1}\n```", "```sitrep-action\naction: [\n```", "```sitrep-action\n- x\n```"),
  fc.tuple(text, text).map(([a, b]) => `| ${a} | b |\n|---|---|\n| \`${b} | x\` | y |`),
  fc.tuple(text, text).map(([a, b]) => `${a} \`${b}`),
  fc.constantFrom("---", "> quote", "<div>", "    indented code", "Setext\n===", "Setext\n---", "\uFEFF", "(DANGER: data loss)", "⚠️", "[^1]: note", "[x]: http://e.x"),
  text,
);
const markdownish = fc.array(fc.tuple(block, eol), { maxLength: 30 }).map((parts) => parts.map(([b, e]) => b + e).join(""));

function roundTrips(source: string): void {
  const doc = parseRunbookDocument(source, "fuzz.md");
  expect(exportRunbooks(doc.runbooks)).toBe(source);
  expect(new Set(doc.runbooks.map((r) => r.key)).size).toBe(doc.runbooks.length);
  for (const r of doc.runbooks) {
    expect(r.phases.length).toBeGreaterThan(0);
    expect(r.line).toBeGreaterThan(0);
    for (const p of r.phases) for (const s of p.steps) expect(r.markdown).toContain(s.markdown);
  }
  expect(() => JSON.stringify(doc)).not.toThrow();
  expect(() => suggestBindings(doc, [{ service: "s", action: "a", title: "t", commands: ["*", "kubectl * -n *"] }])).not.toThrow();
}

describe("the parser on any input", () => {
  it("never throws and always joins back to the input, on Markdown-ish text", () => {
    fc.assert(fc.property(markdownish, roundTrips), RUNS);
  });

  it("never throws and always joins back to the input, on any string", () => {
    fc.assert(fc.property(codeUnits, roundTrips), RUNS);
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), roundTrips), RUNS);
  });

  it("parses what it exported the same way", () => {
    fc.assert(
      fc.property(markdownish, (source) => {
        const doc = parseRunbookDocument(source, "fuzz.md");
        expect(parseRunbookDocument(exportRunbooks(doc.runbooks), "fuzz.md")).toEqual(doc);
      }),
      RUNS,
    );
  });
});

describe("the command matcher on any input", () => {
  it("matches every command against its own text and against a lone *", () => {
    const line = fc.stringMatching(/^[a-z][a-z0-9 ./-]{0,40}$/);
    fc.assert(
      fc.property(line, (command) => {
        expect(commandMatches(command, command)).toBe(command.trim() !== "");
        expect(commandMatches("*", command)).toBe(command.trim() !== "");
      }),
      RUNS,
    );
  });

  it("never throws on any pattern or command", () => {
    fc.assert(fc.property(codeUnits, codeUnits, (p, c) => void commandMatches(p, c)), RUNS);
  });
});
