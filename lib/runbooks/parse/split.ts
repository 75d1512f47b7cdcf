// Where one document's runbooks start and end. The heading tree is read bottom-up: a section
// whose own text carries a runbook marker (Alert, Severity, Symptoms, MTTR, Trigger) is one
// runbook; a section with such runbooks below it is only a group. Without markers, numbered
// steps decide: a section with its own, or with only one sub-section holding some, is one
// runbook; two or more such sub-sections are runbooks of their own. The rest is shared.
import type { Heading, Root, RootContent } from "mdast";
import { cleanTitle, isAlertName, sharedCategory, type SharedCategory } from "./extract";
import { endOf, lineStartOf, startOf } from "./markdown";
import { hasMetaLabel, headingMeta, headingText, isNumberedSteps, timeBox } from "./markers";

export type Section = {
  heading: Heading | null;
  /** 0 for the document itself */
  depth: number;
  start: number;
  end: number;
  /** the blocks under the heading before its first sub-heading */
  nodes: RootContent[];
  children: Section[];
};

export type Unit = {
  kind: "scenario" | "shared";
  section: Section;
  /** false: only the section's heading and its own blocks, the introduction of a group */
  whole: boolean;
  category: SharedCategory | null;
  /** the groups it sits in, outermost first */
  groups: Section[];
  from: number;
  to: number;
};

export function sectionTree(root: Root, text: string): Section {
  const doc: Section = { heading: null, depth: 0, start: 0, end: text.length, nodes: [], children: [] };
  const stack = [doc];
  let prevEnd = 0;
  for (const node of root.children) {
    const before = prevEnd;
    prevEnd = Math.max(prevEnd, endOf(node));
    if (node.type !== "heading") {
      stack[stack.length - 1].nodes.push(node);
      continue;
    }
    const start = headingStart(text, node, before);
    // Slices of this heading (a step, a fact) must not reach back into the definitions above it.
    if (node.position && start > startOf(node)) node.position = { ...node.position, start: { ...node.position.start, offset: start } };
    while (stack.length > 1 && stack[stack.length - 1].depth >= node.depth) stack.pop();
    const section: Section = { heading: node, depth: node.depth, start, end: text.length, nodes: [], children: [] };
    stack[stack.length - 1].children.push(section);
    stack.push(section);
  }
  closeSections(doc, text.length);
  return doc;
}

/**
 * Where a heading's runbook starts: the start of its line. A setext heading's position also
 * covers link definitions written above it, which are blocks of their own: it starts after them.
 */
function headingStart(text: string, node: RootContent, prevEnd: number): number {
  const start = lineStartOf(text, startOf(node));
  if (start >= prevEnd) return start;
  const eol = text.startsWith("\r\n", prevEnd) ? 2 : text[prevEnd] === "\n" || text[prevEnd] === "\r" ? 1 : 0;
  return prevEnd + eol;
}

function closeSections(s: Section, end: number): void {
  s.end = end;
  s.children.forEach((c, i) => closeSections(c, s.children[i + 1]?.start ?? end));
}

/** Every block of a section in order, sub-headings included, its own heading not. */
export function sectionNodes(s: Section): RootContent[] {
  return [...s.nodes, ...s.children.flatMap((c) => [c.heading as RootContent, ...sectionNodes(c)])];
}

export const sectionTitle = (s: Section) => (s.heading ? cleanTitle(headingText(s.heading)) : "");
/** "### Symptoms", "### MTTR Target: 2 minutes": a field of the section above; "## Alerts" over sub-sections is a group. */
const isField = (s: Section) => s.heading !== null && s.children.length === 0 && headingMeta(s.heading) !== null;

function directMarkers(s: Section): boolean {
  if (s.heading && isAlertName(sectionTitle(s))) return true;
  return s.nodes.some((n) => n.type === "paragraph" && hasMetaLabel(n)) || s.children.some(isField);
}

const markersBelow = (s: Section): boolean => s.children.some((c) => !isField(c) && (directMarkers(c) || markersBelow(c)));
const ownSteps = (s: Section) => s.nodes.some(isNumberedSteps) || s.children.some((c) => c.heading !== null && timeBox(headingText(c.heading)) !== null);
const stepsBelow = (s: Section): boolean => ownSteps(s) || s.children.some(stepsBelow);
const stepChildren = (s: Section) => s.children.filter((c) => !isField(c) && !sharedCategory(sectionTitle(c)) && stepsBelow(c)).length;

type Plan = { out: Unit[]; top: Section | null };

function unit(s: Section, kind: Unit["kind"], groups: Section[], plan: Plan, whole = true): void {
  const category = kind === "scenario" ? null : (s.heading && sharedCategory(sectionTitle(s))) || (s.heading === null || s === plan.top || !whole ? "overview" : "reference");
  plan.out.push({ kind, section: s, whole, category, groups, from: s.start, to: whole ? s.end : (s.children[0]?.start ?? s.end) });
}

function planSection(s: Section, groups: Section[], plan: Plan): void {
  const titled = s.heading !== null;
  if (markersBelow(s)) return planGroup(s, groups, plan);
  if (directMarkers(s)) return unit(s, "scenario", groups, plan);
  if (titled && sharedCategory(sectionTitle(s))) return unit(s, "shared", groups, plan);
  if (ownSteps(s)) return unit(s, "scenario", groups, plan);
  const withSteps = stepChildren(s);
  if (withSteps >= 2 || (!titled && s.children.length > 0)) return planGroup(s, groups, plan);
  unit(s, withSteps === 1 ? "scenario" : "shared", groups, plan);
}

/** A group's own text, if it has any, is an entry of its own; its heading alone joins the next entry. */
function planGroup(s: Section, groups: Section[], plan: Plan): void {
  if (s.nodes.length) unit(s, directMarkers(s) ? "scenario" : "shared", groups, plan, false);
  const inner = s.heading === null || s === plan.top ? groups : [...groups, s];
  for (const child of s.children) planSection(child, inner, plan);
}

/** The document's own title section: a single top-level "# Title" over everything. */
export function titleSection(doc: Section): Section | null {
  const [only] = doc.children;
  return doc.children.length === 1 && only.depth === 1 && doc.nodes.length === 0 ? only : null;
}

/**
 * The runbooks of a document as contiguous ranges covering all of it: a group heading with
 * no text of its own is joined to the entry after it.
 */
export function planUnits(doc: Section, text: string, wholeScenario: boolean): Unit[] {
  const plan: Plan = { out: [], top: titleSection(doc) };
  if (wholeScenario) unit(doc, "scenario", [], plan);
  else planSection(doc, [], plan);
  const units = plan.out.sort((a, b) => a.from - b.from);
  units.forEach((u, i) => (u.from = i === 0 ? 0 : units[i - 1].to));
  units[units.length - 1].to = text.length;
  return units;
}
