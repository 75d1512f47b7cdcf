// A report as one Markdown document: what "Export Markdown" downloads, what a publication
// stores, and what the read-only view renders (so the export, rendered again, is the report).
// HTML comments mark each section: invisible when rendered, they make the document parse back
// into exactly its sections.
export type DocSection = { key: string; title: string; body: string };
export type ReportDoc = { title: string; incidentRef: string; revision: number; status: string; sections: DocSection[] };
export type DocActionItem = { title: string; owner: string | null; dueAt: Date | null; status: string; trackerUrl: string | null };

export const MARKER = /^<!-- sitrep:(report|section) ([^>]*?) -->$/;
/** A body line that would read as one of the document's own markers. */
export const RESERVED_LINE = /^<!-- sitrep:/m;

const STATUS_TEXT: Record<string, string> = { open: "open", in_progress: "in progress", done: "done", wont_do: "won't do" };

/** Trailing spaces and blank lines at either end carry nothing and would not survive a round trip. */
export const normalizeBody = (body: string) => body.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/^\n+|\n+$/g, "");

/** One line per action item: a task list, done ones ticked, with owner, due date and tracker link. */
export function actionItemsMarkdown(items: DocActionItem[]): string {
  return items
    .map((a) => {
      const facts = [
        a.owner ? `owner ${a.owner}` : "no owner",
        a.dueAt ? `due ${a.dueAt.toISOString().slice(0, 10)}` : null,
        STATUS_TEXT[a.status] ?? a.status,
        a.trackerUrl ? `<${a.trackerUrl}>` : null,
      ].filter(Boolean);
      return `- [${a.status === "done" ? "x" : " "}] ${a.title.replace(/\s+/g, " ")} (${facts.join(", ")})`;
    })
    .join("\n");
}

/** The body the document shows for an action-items section: the tracker's items, then the notes. */
export function actionItemsBody(items: DocActionItem[], notes: string): string {
  const list = items.length ? actionItemsMarkdown(items) : "_No action items yet._";
  return normalizeBody(notes) ? `${list}\n\n${normalizeBody(notes)}` : list;
}

/**
 * A body line that reads like one of the markers (only text that bypassed the section schema
 * could hold one, an action item's title say) is indented one space: still invisible when
 * rendered, never taken for a marker.
 */
const defuse = (body: string) => body.replace(/^(<!-- sitrep:)/gm, " $1");

export function reportToMarkdown(doc: ReportDoc): string {
  const parts = [`# ${doc.title.replace(/\s+/g, " ").trim()}`, `<!-- sitrep:report incident=${doc.incidentRef} revision=${doc.revision} status=${doc.status} -->`];
  for (const s of doc.sections) {
    const body = defuse(normalizeBody(s.body));
    parts.push(`<!-- sitrep:section ${s.key} -->\n## ${s.title.replace(/\s+/g, " ").trim()}${body ? `\n\n${body}` : ""}`);
  }
  return `${parts.join("\n\n")}\n`;
}

/** The inverse of reportToMarkdown; null when the text is not a Sitrep report export. */
export function parseReportMarkdown(text: string): ReportDoc | null {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const title = /^# (.*)$/.exec(lines[0] ?? "")?.[1];
  const head = MARKER.exec(lines[2] ?? "");
  if (title === undefined || !head || head[1] !== "report") return null;
  const meta = Object.fromEntries(head[2].split(" ").map((kv) => kv.split("=") as [string, string]));
  const sections: DocSection[] = [];
  let current: { key: string; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const heading = /^## (.*)$/.exec(current.lines[0] ?? "");
    sections.push({ key: current.key, title: heading?.[1] ?? "", body: normalizeBody(current.lines.slice(1).join("\n")) });
  };
  for (const line of lines.slice(3)) {
    const m = MARKER.exec(line);
    if (m && m[1] === "section") {
      flush();
      current = { key: m[2], lines: [] };
    } else current?.lines.push(line);
  }
  flush();
  return { title, incidentRef: meta.incident ?? "", revision: Number(meta.revision), status: meta.status ?? "", sections };
}
