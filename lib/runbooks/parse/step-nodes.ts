// One step from one or more mdast blocks: a paragraph or list item and the fenced blocks that
// follow it, a fenced block or a table and the sitrep-action block that binds it, or anything
// else kept verbatim as a note.
import type { Code, ListItem, Nodes, Paragraph, Table } from "mdast";
import { ACTION_LANG, readActionBlock } from "./action-block";
import { fencedCommand, inlineCommand, looksLikeCommand, PROSE_LANGS } from "./commands";
import { dangerIn } from "./danger";
import { blockText, codeSpan, endOf, startOf, walk } from "./markdown";
import { tableOf } from "./table";
import type { ParsedStep } from "./types";

/**
 * A step being built. `takes` is which fenced blocks right after it join it: any, after a paragraph
 * or list item; only a sitrep-action block, after a command block or a table, whose binding has
 * nowhere else to go (the next command block is a step of its own, as it always was).
 */
export type StepDraft = ParsedStep & { start: number; end: number; takes: "fenced" | "action" | null };

type Src = { text: string };

function draft(src: Src, kind: ParsedStep["kind"], text: string, node: Nodes): StepDraft {
  const start = startOf(node);
  const end = Math.max(start, endOf(node));
  return { kind, text, commands: [], dangerous: false, danger: null, binding: null, markdown: src.text.slice(start, end), start, end, takes: null };
}

/** Commands in a block's subtree, in reading order; a nested sitrep-action block binds the step. */
function collect(step: StepDraft, node: Nodes): void {
  walk(node, (n) => {
    if (n.type === "inlineCode" && looksLikeCommand(n.value)) step.commands.push(inlineCommand(n));
    if (n.type === "code") applyCode(step, n);
  });
}

function applyCode(step: StepDraft, code: Code): void {
  if (code.lang !== ACTION_LANG) {
    step.commands.push(fencedCommand(code));
    return;
  }
  const block = readActionBlock(code.value);
  if (!block.ok) step.notes = [...(step.notes ?? []), block.note];
  else if (step.binding) step.notes = [...(step.notes ?? []), "a second sitrep-action block for this step was ignored"];
  else step.binding = block.binding;
}

export function paragraphStep(src: Src, p: Paragraph): StepDraft {
  const step = draft(src, "note", blockText(p), p);
  collect(step, p);
  if (step.commands.length) step.kind = "action";
  step.takes = "fenced";
  return step;
}

/** A list item that is only a link (a table of contents) is something to read. */
const isLinkOnly = (item: ListItem) =>
  item.children.length === 1 && item.children[0].type === "paragraph" && item.children[0].children.every((c) => c.type === "link" || (c.type === "text" && !c.value.trim()));

export function itemStep(src: Src, item: ListItem, plainKind: "action" | "note"): StepDraft {
  const checklist = typeof item.checked === "boolean";
  const step = draft(src, checklist ? "checklist" : isLinkOnly(item) ? "note" : plainKind, blockText(item), item);
  if (checklist) step.checked = item.checked === true;
  collect(step, item);
  if (step.kind === "note" && (step.commands.length || step.binding)) step.kind = "action";
  step.takes = "fenced";
  return step;
}

/**
 * Whether a fenced block right after `step` is part of it. A titled sitrep-action block is a step
 * of its own wherever it is: documents written before command blocks and tables took bindings
 * (demo workspaces seeded then) put one after such a block, and must keep their steps. A broken
 * one joins, as a note, as it would after a paragraph.
 */
export function joinsStep(step: StepDraft, code: Code): boolean {
  if (step.takes !== "action") return step.takes === "fenced";
  if (code.lang !== ACTION_LANG) return false;
  const block = readActionBlock(code.value);
  return !block.ok || block.title === null;
}

/** A fenced block joined to the step before it (see `joinsStep`). */
export function attachCode(src: Src, step: StepDraft, code: Code): void {
  applyCode(step, code);
  step.end = Math.max(step.end, endOf(code));
  step.markdown = src.text.slice(step.start, step.end);
  if (step.kind === "note" && (step.commands.length || step.binding)) step.kind = "action";
}

/** A fenced block on its own: its comments say what it does. */
export function codeStep(src: Src, code: Code): StepDraft {
  const step = draft(src, "action", "", code);
  if (code.lang === ACTION_LANG) {
    const block = readActionBlock(code.value);
    if (block.ok) {
      step.binding = block.binding;
      step.text = block.title ?? `${block.binding.service}/${block.binding.action}`;
    } else {
      step.kind = "note";
      step.text = code.value;
      step.notes = [block.note];
    }
    return step;
  }
  const command = fencedCommand(code);
  step.commands.push(command);
  step.takes = "action";
  const first = command.code.split(/\r?\n|\r/).find((l) => l.trim())?.trim();
  step.text = command.hints.length ? command.hints.map((h) => h.replace(/^\d+[.)]\s+/, "")).join("; ") : first ? codeSpan(first) : "";
  // A template or sample output is something to read, not to run.
  if (command.lang && PROSE_LANGS.has(command.lang.toLowerCase())) step.kind = "note";
  return step;
}

export function tableStep(src: Src, table: Table): StepDraft {
  const parsed = tableOf(src.text, table);
  const step = draft(src, "table", [parsed.headers, ...parsed.rows].map((r) => r.join(" | ")).join("\n"), table);
  step.table = { headers: parsed.headers, rows: parsed.rows };
  step.commands = parsed.commands;
  step.takes = "action";
  return step;
}

export function noteStep(src: Src, node: Nodes, text = blockText(node)): StepDraft {
  const step = draft(src, "note", text, node);
  collect(step, node);
  return step;
}

export function finishStep(d: StepDraft): ParsedStep {
  const danger = dangerIn([d.text, ...d.commands.flatMap((c) => c.hints)]);
  return {
    kind: d.kind,
    text: d.text,
    commands: d.commands,
    dangerous: danger !== null,
    danger,
    ...(d.checked !== undefined ? { checked: d.checked } : {}),
    ...(d.table ? { table: d.table } : {}),
    binding: d.binding ?? null,
    ...(d.notes?.length ? { notes: d.notes } : {}),
    markdown: d.markdown,
  };
}
