import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { actionItemsBody, normalizeBody, parseReportMarkdown, reportToMarkdown, RESERVED_LINE, type ReportDoc } from "@/lib/reports/markdown";

const doc: ReportDoc = {
  title: "INC-7 Outbox stuck",
  incidentRef: "INC-7",
  revision: 2,
  status: "published",
  sections: [
    { key: "summary", title: "Summary", body: "- **Duration**: 10:00 – 11:00\n- **Severity**: P1 (Critical)" },
    { key: "root-cause", title: "Root cause", body: "A lease was never released.\n\n## Not a section\n\n```sh\ncurl -s localhost:8080/health\n```" },
    { key: "empty", title: "Empty", body: "" },
  ],
};

describe("report Markdown", () => {
  it("is a readable document: title, then each section under its heading", () => {
    expect(reportToMarkdown(doc)).toBe(
      [
        "# INC-7 Outbox stuck",
        "",
        "<!-- sitrep:report incident=INC-7 revision=2 status=published -->",
        "",
        "<!-- sitrep:section summary -->",
        "## Summary",
        "",
        "- **Duration**: 10:00 – 11:00",
        "- **Severity**: P1 (Critical)",
        "",
        "<!-- sitrep:section root-cause -->",
        "## Root cause",
        "",
        "A lease was never released.",
        "",
        "## Not a section",
        "",
        "```sh",
        "curl -s localhost:8080/health",
        "```",
        "",
        "<!-- sitrep:section empty -->",
        "## Empty",
        "",
      ].join("\n"),
    );
  });

  it("parses back into exactly its sections, even when a body has its own ## headings", () => {
    expect(parseReportMarkdown(reportToMarkdown(doc))).toEqual(doc);
  });

  it("round-trips any report whose bodies hold no marker line", () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
    const line = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, " "));
    const title = line.map((s) => s.replace(/\s+/g, " ").trim());
    const body = fc.array(line, { maxLength: 8 }).map((ls) => ls.join("\n")).filter((b) => !RESERVED_LINE.test(b));
    fc.assert(
      fc.property(title, fc.uniqueArray(fc.record({ key, title, body }), { selector: (s) => s.key, maxLength: 6 }), (t, sections) => {
        const d: ReportDoc = { title: t, incidentRef: "INC-1", revision: 1, status: "draft", sections };
        const back = parseReportMarkdown(reportToMarkdown(d));
        expect(back).toEqual({ ...d, sections: sections.map((s) => ({ ...s, body: normalizeBody(s.body) })) });
        // Exporting the parsed document again gives the same bytes.
        expect(reportToMarkdown(back!)).toBe(reportToMarkdown(d));
      }),
      { numRuns: 300 },
    );
  });

  it("is not fooled by text that is not a Sitrep export", () => {
    expect(parseReportMarkdown("# Incident Report - [Date]\n\n## Summary\n")).toBeNull();
  });

  it("lists action items as a task list with owner, due date, status and tracker link, then the notes", () => {
    const body = actionItemsBody(
      [
        { title: "Alert on outbox lag", owner: "Alice", dueAt: new Date("2026-12-08T12:00:00Z"), status: "open", trackerUrl: "https://tracker.example/SRE-12" },
        { title: "Fix lease release", owner: null, dueAt: null, status: "done", trackerUrl: null },
      ],
      "Owners agreed in the review.\n",
    );
    expect(body).toBe(
      "- [ ] Alert on outbox lag (owner Alice, due 2026-12-08, open, <https://tracker.example/SRE-12>)\n- [x] Fix lease release (no owner, done)\n\nOwners agreed in the review.",
    );
    expect(actionItemsBody([], "")).toBe("_No action items yet._");
  });
});

describe("report Markdown with hostile text", () => {
  it("never lets a body line pass for a section marker", () => {
    const d: ReportDoc = { title: "T", incidentRef: "INC-1", revision: 1, status: "draft", sections: [{ key: "a", title: "A", body: "fine\n<!-- sitrep:section evil -->\n## Hacked" }] };
    const md = reportToMarkdown(d);
    expect(md).toContain("\n <!-- sitrep:section evil -->\n");
    expect(parseReportMarkdown(md)?.sections.map((s) => s.key)).toEqual(["a"]);
  });
});
