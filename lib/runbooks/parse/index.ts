// parseRunbookDocument: one Markdown document → its runbooks. Pure and synchronous, so the
// importer, the tests and the browser's live preview all run the same code.
import { alertNamesFromTitle, alertNamesIn, cleanTitle, isAlertName, severityFromGroup, severityOf, slugify, splitSymptoms } from "./extract";
import { placeholdersIn } from "./commands";
import { lineAt, lineStarts, parseMarkdown } from "./markdown";
import { durationMinutes, headingText } from "./markers";
import { planUnits, sectionNodes, sectionTitle, sectionTree, titleSection, type Section, type Unit } from "./split";
import { buildBody, type MetaDraft } from "./steps";
import type { ParsedDocument, ParsedRunbook, Severity } from "./types";

export type { ParsedDocument, ParsedPhase, ParsedRunbook, ParsedStep } from "./types";

const BOM = "\uFEFF";
const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** "runbooks/KubePodCrashLooping.md" → "KubePodCrashLooping" */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(?:md|markdown|mdown|mkd|txt)$/i, "");
}

export function parseRunbookDocument(source: string, file: string): ParsedDocument {
  // micromark drops a byte order mark before counting offsets; so does the slicing here.
  if (source === "") return { file, title: fileStem(file), runbooks: [] };
  const bom = source.startsWith(BOM) ? BOM : "";
  const text = source.slice(bom.length);
  const tree = sectionTree(parseMarkdown(text), text);
  const top = titleSection(tree);
  const firstH1 = findH1(tree);
  const title = firstH1 ? headingText(firstH1).trim() : fileStem(file);
  const stem = fileStem(file);

  let units = planUnits(tree, text, false);
  if (isAlertName(stem) && !units.some((u) => u.kind === "scenario")) units = planUnits(tree, text, true);
  const starts = lineStarts(text);
  const runbooks = units.map((u) => toRunbook(u, { text, title, top, starts }));
  if (isAlertName(stem) && runbooks.filter((r) => r.kind === "scenario").length === 1) {
    const only = runbooks.find((r) => r.kind === "scenario")!;
    only.alerts = uniq([...only.alerts, stem]);
  }
  uniqueKeys(runbooks);
  if (bom && runbooks.length) runbooks[0].markdown = bom + runbooks[0].markdown;
  return { file, title, runbooks };
}

function findH1(s: Section): Section["heading"] {
  for (const c of s.children) {
    if (c.heading?.depth === 1) return c.heading;
    const inner = findH1(c);
    if (inner) return inner;
  }
  return null;
}

type Ctx = { text: string; title: string; top: Section | null; starts: number[] };

function toRunbook(u: Unit, ctx: Ctx): ParsedRunbook {
  const s = u.section;
  const isDocument = s.heading === null || s === ctx.top;
  const nodes = u.whole ? sectionNodes(s) : s.nodes;
  const body = buildBody(ctx.text, nodes, u.kind === "shared");
  const title = isDocument ? ctx.title : sectionTitle(s);
  const facts = (kind: MetaDraft["kind"]) => body.meta.filter((m) => m.kind === kind);
  const commands = body.phases.flatMap((p) => p.steps.flatMap((st) => st.commands));
  const groups = u.groups.map((g) => (g.heading ? headingText(g.heading) : "")).filter(Boolean);
  return {
    key: isDocument && (!u.whole || u.kind === "shared") ? "overview" : slugify(title) || u.kind,
    kind: u.kind,
    title,
    alerts: uniq([...facts("alert").flatMap((m) => [m.value, ...m.items].flatMap(alertNamesIn)), ...(u.kind === "scenario" ? alertNamesFromTitle(title) : [])]),
    symptoms: uniq(facts("symptoms").flatMap((m) => [...splitSymptoms(m.value), ...m.items])),
    severity: severity(facts("severity"), u.kind === "scenario" ? u.groups : []),
    mttrMinutes: facts("mttr").map((m) => durationMinutes(m.value || m.items[0] || "")).find((n) => n !== null) ?? null,
    tags: uniq([...groups.map((g) => slugify(cleanTitle(g))), ...(u.category ? [u.category] : [])].filter(Boolean)),
    phases: body.phases,
    placeholders: uniq(commands.flatMap(placeholdersIn)),
    markdown: ctx.text.slice(u.from, u.to),
    line: lineAt(ctx.starts, u.from),
    heading: s.heading ? headingText(s.heading) : null,
    groups,
    meta: body.meta.map((m) => ({ label: m.label, value: [m.value, ...m.items].filter(Boolean).join("\n"), markdown: ctx.text.slice(m.start, m.end) })),
  };
}

function severity(facts: MetaDraft[], groups: Section[]): Severity | null {
  const fact = facts.find((m) => m.value || m.items.length);
  if (fact) return severityOf(fact.value || fact.items.join(" "));
  for (const g of [...groups].reverse()) {
    const s = g.heading ? severityFromGroup(headingText(g.heading)) : null;
    if (s) return s;
  }
  return null;
}

/** Two sections with the same title get "-2", "-3": keys stay stable while the order does. */
function uniqueKeys(runbooks: ParsedRunbook[]): void {
  const seen = new Set<string>();
  for (const r of runbooks) {
    let key = r.key.slice(0, 80) || r.kind;
    for (let n = 2; seen.has(key); n++) key = `${r.key.slice(0, 76)}-${n}`;
    seen.add(key);
    r.key = key;
  }
}
