// A runbook's blocks, in order, become phases of steps plus the labelled facts around them.
// Sub-headings and bold labels ("**Investigation Steps**:") open phases; "(0-2 minutes)" in
// a phase title sets its time box. Blocks read as facts (Symptoms, Severity…) become meta.
import type { Heading, List, Paragraph, RootContent } from "mdast";
import { blockText, endOf, startOf } from "./markdown";
import { headingMeta, headingText, lineLabel, metaKind, paragraphLines, splitLabel, timeBox, type MetaKind } from "./markers";
import { attachCode, codeStep, finishStep, itemStep, joinsStep, noteStep, paragraphStep, tableStep, type StepDraft } from "./step-nodes";
import type { ParsedPhase } from "./types";

/** `items` are the blocks under a label or heading: the list under "### Symptoms". */
export type MetaDraft = { kind: MetaKind | null; label: string; value: string; items: string[]; start: number; end: number };
export type Body = { phases: ParsedPhase[]; meta: MetaDraft[] };

type PhaseDraft = Omit<ParsedPhase, "steps"> & { steps: StepDraft[] };

type State = {
  text: string;
  shared: boolean;
  phases: PhaseDraft[];
  meta: MetaDraft[];
  trail: { depth: number; title: string }[];
  /** a fact whose value continues in the blocks below it: "### Symptoms" + list, "**Symptoms:**" + list */
  open: { meta: MetaDraft; depth: number | null } | null;
  /** the step the previous block made, which a fenced block right after it may join */
  last: StepDraft | null;
};

const current = (s: State) => s.phases[s.phases.length - 1];

function openPhase(s: State, title: string, context: string[]): void {
  const box = timeBox(title);
  s.phases.push({ title, fromMin: box?.fromMin ?? null, toMin: box?.toMin ?? null, steps: [], context });
}

function addStep(s: State, step: StepDraft): void {
  current(s).steps.push(step);
  s.last = step.takes ? step : null;
}

function addMeta(s: State, kind: MetaKind | null, label: string, value: string, node: RootContent): MetaDraft {
  const meta: MetaDraft = { kind, label, value, items: [], start: startOf(node), end: endOf(node) };
  s.meta.push(meta);
  return meta;
}

function onHeading(s: State, h: Heading, next: RootContent | undefined): void {
  s.last = null;
  s.open = null;
  while (s.trail.length && s.trail[s.trail.length - 1].depth >= h.depth) s.trail.pop();
  const title = headingText(h);
  const hasBody = next !== undefined && next.type !== "heading";
  const hasChildren = next?.type === "heading" && next.depth > h.depth;
  const meta = hasChildren ? null : headingMeta(h);
  if (meta) {
    const m = addMeta(s, meta.kind, meta.label, meta.value, h);
    if (hasBody && !meta.value) s.open = { meta: m, depth: h.depth };
    return;
  }
  const label = splitLabel(title);
  if (!hasBody && !hasChildren && label.value) return void addMeta(s, null, label.label, label.value, h);
  if (!hasBody && !hasChildren) return addStep(s, noteStep(s, h, title));
  s.trail.push({ depth: h.depth, title });
  if (hasBody) openPhase(s, title, s.trail.slice(0, -1).map((t) => t.title));
}

/** Labels first: a line that is only "**Label**:" opens a phase, or a fact if the label is one. */
function onParagraph(s: State, p: Paragraph): void {
  const lines = paragraphLines(p);
  const labels = lines.map(lineLabel);
  const only = labels.length === 1 ? labels[0] : null;
  if (only && only.value === "") {
    const kind = metaKind(only.label);
    if (kind) s.open = { meta: addMeta(s, kind, only.label, "", p), depth: null };
    else openPhase(s, only.label, s.trail.map((t) => t.title));
    s.last = null;
    return;
  }
  const facts = labels.filter((l) => l !== null && metaKind(l.label) !== null);
  for (const l of facts) addMeta(s, metaKind(l!.label), l!.label, l!.value, p);
  if (facts.length && facts.length === lines.length) {
    s.last = null;
    return;
  }
  addStep(s, paragraphStep(s, p));
}

function onList(s: State, list: List): void {
  const plain = !list.ordered && s.shared ? "note" : "action";
  for (const item of list.children) addStep(s, itemStep(s, item, plain));
}

/**
 * A block inside an open fact adds to its value: the list under "### Symptoms" (and text
 * before it), or the one block under "### Severity". What follows are steps again.
 */
function continueMeta(s: State, node: RootContent): boolean {
  if (!s.open || node.type === "heading") return false;
  const { meta, depth } = s.open;
  const ownFact = node.type === "paragraph" && paragraphLines(node).some((line) => lineLabel(line) !== null);
  if ((depth === null && node.type !== "list") || (node.type !== "list" && node.type !== "paragraph") || ownFact) {
    s.open = null;
    return false;
  }
  const values = node.type === "list" ? node.children.map((i) => blockText(i).trim()) : [blockText(node).trim()];
  meta.items.push(...values.filter(Boolean));
  meta.end = Math.max(meta.end, endOf(node));
  if (depth === null || node.type === "list" || meta.kind !== "symptoms") s.open = null;
  return true;
}

function onBlock(s: State, node: RootContent, next: RootContent | undefined): void {
  if (continueMeta(s, node)) return;
  switch (node.type) {
    case "heading":
      return onHeading(s, node, next);
    case "paragraph":
      return onParagraph(s, node);
    case "list":
      return onList(s, node);
    case "code":
      if (s.last && joinsStep(s.last, node)) return attachCode(s, s.last, node);
      return addStep(s, codeStep(s, node));
    case "table":
      return addStep(s, tableStep(s, node));
    case "thematicBreak":
      s.last = null;
      return;
    default:
      return addStep(s, noteStep(s, node));
  }
}

export function buildBody(text: string, nodes: RootContent[], shared: boolean): Body {
  const s: State = { text, shared, phases: [], meta: [], trail: [], open: null, last: null };
  s.phases.push({ title: null, fromMin: null, toMin: null, steps: [], context: [] });
  nodes.forEach((node, i) => onBlock(s, node, nodes[i + 1]));
  const kept = s.phases.filter((p) => p.steps.length > 0 || p.title !== null);
  const phases = (kept.length ? kept : s.phases.slice(0, 1)).map((p) => ({ ...p, steps: p.steps.map(finishStep) }));
  return { phases, meta: s.meta };
}
