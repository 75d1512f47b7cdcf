// Binding a step to a recovery action is an edit of the runbook's Markdown: a ```sitrep-action
// block placed inside the step (a list item), or right after it (a paragraph, a fenced block, a
// table), so the binding round-trips through export like everything else.
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";

// Four spaces of indent make indented code, not a list item (CommonMark).
const LIST_ITEM = /^( {0,3}(?:[-*+]|\d{1,9}[.)]))([ \t]+)/;

/**
 * The column a list item's content starts at, which its nested block must be indented to: a
 * block indented 4 or more past it is indented code, read as a command. A checkbox is content,
 * not marker; tabs stop every 4 columns; 5+ spaces after the marker count as one.
 */
function itemIndent(line: string): number {
  const m = LIST_ITEM.exec(line);
  if (!m) return 0;
  let col = m[1].length;
  for (const ch of m[2]) col = ch === "\t" ? col + 4 - (col % 4) : col + 1;
  return col - m[1].length > 4 ? m[1].length + 1 : col;
}

/** Where each step's verbatim slice starts in the runbook's Markdown, in order. */
function stepOffsets(markdown: string, parsed: Pick<ParsedRunbook, "phases">): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  let cursor = 0;
  parsed.phases.forEach((p, pi) => p.steps.forEach((s, si) => {
    const at = markdown.indexOf(s.markdown, cursor);
    if (at < 0 || !s.markdown) return;
    out.set(`${pi}.${si}`, { start: at, end: at + s.markdown.length });
    cursor = at + s.markdown.length;
  }));
  return out;
}

export function actionBlock(service: string, action: string, params: Record<string, string>, indent = ""): string {
  const lines = ["```sitrep-action", `action: ${service}/${action}`];
  const names = Object.keys(params);
  if (names.length) lines.push("params:", ...names.map((k) => `  ${k}: ${JSON.stringify(params[k])}`));
  lines.push("```");
  return lines.map((l) => indent + l).join("\n");
}

/** The Markdown with a binding block added to one step, or null if the step is not found. */
export function insertBinding(markdown: string, parsed: Pick<ParsedRunbook, "phases">, step: string, binding: { service: string; action: string; params?: Record<string, string> }): string | null {
  const where = stepOffsets(markdown, parsed).get(step);
  if (!where) return null;
  const lineStart = markdown.lastIndexOf("\n", where.start - 1) + 1;
  const block = actionBlock(binding.service, binding.action, binding.params ?? {}, " ".repeat(itemIndent(markdown.slice(lineStart, where.end))));
  const rest = markdown.slice(where.end);
  const tail = rest.startsWith("\n") ? "" : "\n";
  return `${markdown.slice(0, where.end)}\n\n${block}${tail}${rest.startsWith("\n\n") || !rest ? "" : "\n"}${rest}`;
}
