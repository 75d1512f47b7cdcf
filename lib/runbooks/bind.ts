// Binding a step to a recovery action is an edit of the runbook's Markdown: a ```sitrep-action
// block placed inside the step, so the binding round-trips through export like everything else.
import type { ParsedRunbook } from "@/lib/runbooks/parse/types";

const LIST_ITEM = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)/;

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

/** The Markdown with a binding block added to one step (inside its list item), or null if the step is not found. */
export function insertBinding(markdown: string, parsed: Pick<ParsedRunbook, "phases">, step: string, binding: { service: string; action: string; params?: Record<string, string> }): string | null {
  const where = stepOffsets(markdown, parsed).get(step);
  if (!where) return null;
  const lineStart = markdown.lastIndexOf("\n", where.start - 1) + 1;
  const item = LIST_ITEM.exec(markdown.slice(lineStart, where.end));
  const indent = item ? " ".repeat(item[1].replace(/\t/g, "    ").length) : "";
  const block = actionBlock(binding.service, binding.action, binding.params ?? {}, indent);
  const rest = markdown.slice(where.end);
  const tail = rest.startsWith("\n") ? "" : "\n";
  return `${markdown.slice(0, where.end)}\n\n${block}${tail}${rest.startsWith("\n\n") || !rest ? "" : "\n"}${rest}`;
}
