// The demo workspace's runbooks arrive with their steps bound to the demo catalog's recovery
// actions, so every demo-fleet fault can be fixed from its runbook page. The blocks are added when
// the workspace is seeded, not written into demo/runbooks/: those stay byte-for-byte copies of the
// seeds users bring (seed-details.test.ts holds them unbound), and a catalog change rebinds them.
// Pure: the seed and the tests run the same code, with no database.
import { paramSchema } from "@/lib/actions/params";
import { insertBinding } from "@/lib/runbooks/bind";
import type { DemoStepBinding } from "@/lib/runbooks/demo";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import { ACTION_LANG } from "@/lib/runbooks/parse/action-block";
import { suggestBindings, type CatalogAction } from "@/lib/runbooks/parse/bindings";
import { logicalLines } from "@/lib/runbooks/parse/commands";
import type { ParsedDocument, ParsedRunbook, ParsedStep } from "@/lib/runbooks/parse/types";
import type { Catalog } from "@/lib/services/catalog-schema";

/**
 * `step` is where the seed has the step, `at` where its binding is in the bound document. A step
 * that is only a fenced block or a table cannot hold a block (the parser attaches blocks to
 * paragraphs and list items), so its action becomes a step of its own right after it, titled.
 */
export type PlannedBinding = {
  runbook: string; step: string; at: string; service: string; action: string; title: string;
  params: Record<string, string>; via: "matches" | "table"; standalone: boolean;
};
export type BoundDocument = { file: string; text: string; bindings: PlannedBinding[]; problems: string[] };

const squash = (line: string) => line.replace(/\s+/g, " ").trim();
const split = (key: string) => key.split(".").map(Number) as [number, number];
const stepAt = (r: ParsedRunbook, key: string): ParsedStep | undefined => r.phases[split(key)[0]]?.steps[split(key)[1]];
const holdsBlock = (s: ParsedStep) => !/^\s*(?:```|~~~|\|)/.test(s.markdown);

/** Bound already: by its own block, or (a fenced-block step) by the action step right after it. */
function isBound(r: ParsedRunbook, key: string): boolean {
  const [p, i] = split(key);
  const step = r.phases[p].steps[i];
  return Boolean(step.binding) || (!holdsBlock(step) && Boolean(r.phases[p].steps[i + 1]?.markdown.trimStart().startsWith("```" + ACTION_LANG)));
}

/** The catalog's actions with the command patterns they declare, as suggestBindings reads them. */
export function catalogActionRefs(catalog: Catalog): CatalogAction[] {
  return catalog.services.flatMap((s) => s.actions.map((a) => ({ service: s.slug, action: a.name, title: a.title, commands: a.matches })));
}

/** Which of a step's command lines a suggestion matched: a block that restarts, then re-authenticates, is bound to the restart. */
function position(step: ParsedStep, matched: string): number {
  const lines = step.commands.flatMap((c) => logicalLines(c.code).map(squash));
  const at = lines.indexOf(squash(logicalLines(matched)[0] ?? matched));
  return at < 0 ? lines.length : at;
}

type Draft = Omit<PlannedBinding, "at" | "standalone">;

/** "service/action" checked against the catalog, with params it declares and accepts; a string is the problem. */
function resolveAction(catalog: Catalog, ref: string, params: Record<string, string>): { service: string; action: string; title: string } | string {
  const [service, action] = ref.split("/");
  const found = catalog.services.find((s) => s.slug === service)?.actions.find((a) => a.name === action);
  if (!found) return `${ref} is not an action of the catalog`;
  for (const [name, value] of Object.entries(params)) {
    const spec = found.params[name];
    if (!spec) return `${ref} has no param ${name}`;
    const ok = paramSchema(name, spec).safeParse(value);
    if (!ok.success) return `${ref}: ${ok.error.issues[0]?.message ?? `${name} is not valid`}`;
  }
  return { service, action, title: found.title };
}

function tableBinding(doc: ParsedDocument, catalog: Catalog, t: DemoStepBinding): Draft | string | null {
  const where = `${doc.file}#${t.runbook} "${t.step}"`;
  const r = doc.runbooks.find((x) => x.key === t.runbook);
  if (!r) return `${where}: no runbook ${t.runbook}`;
  const keys = r.phases.flatMap((p, pi) => p.steps.flatMap((s, si) => (squash(s.text).startsWith(t.step) ? [`${pi}.${si}`] : [])));
  if (keys.length !== 1) return `${where}: ${keys.length === 0 ? "no step starts so" : `${keys.length} steps start so`}`;
  if (isBound(r, keys[0])) return null;
  const params = t.params ?? {};
  const resolved = resolveAction(catalog, t.action, params);
  if (typeof resolved === "string") return `${where}: ${resolved}`;
  return { runbook: r.key, step: keys[0], ...resolved, params, via: "table" };
}

/** One binding per unbound step: the table's, else the suggestion whose command the step runs first. */
export function planBindings(doc: ParsedDocument, catalog: Catalog, table: DemoStepBinding[]): { planned: PlannedBinding[]; problems: string[] } {
  const chosen = new Map<string, { draft: Draft; rank: number }>();
  const titles = new Map(catalogActionRefs(catalog).map((a) => [`${a.service}/${a.action}`, a.title]));
  for (const s of suggestBindings(doc, catalogActionRefs(catalog))) {
    const r = doc.runbooks.find((x) => x.key === s.runbookKey)!;
    const step = `${s.phaseIndex}.${s.stepIndex}`;
    if (isBound(r, step)) continue;
    const rank = position(stepAt(r, step)!, s.command);
    const id = `${r.key}#${step}`;
    const title = titles.get(`${s.service}/${s.action}`)!;
    if ((chosen.get(id)?.rank ?? Infinity) > rank) chosen.set(id, { draft: { runbook: r.key, step, service: s.service, action: s.action, title, params: {}, via: "matches" }, rank });
  }
  const problems: string[] = [];
  for (const t of table) {
    const b = tableBinding(doc, catalog, t);
    if (typeof b === "string") problems.push(b);
    else if (b) chosen.set(`${b.runbook}#${b.step}`, { draft: b, rank: -1 });
  }
  const order = new Map(doc.runbooks.map((r, i) => [r.key, i]));
  const drafts = [...chosen.values()].map((c) => c.draft)
    .sort((a, b) => order.get(a.runbook)! - order.get(b.runbook)! || split(a.step)[0] - split(b.step)[0] || split(a.step)[1] - split(b.step)[1]);
  const standalone = (d: Draft) => !holdsBlock(stepAt(doc.runbooks[order.get(d.runbook)!], d.step)!);
  const planned = drafts.map((d) => {
    const [p, i] = split(d.step);
    const shift = drafts.filter((o) => o.runbook === d.runbook && split(o.step)[0] === p && split(o.step)[1] < i && standalone(o)).length;
    return { ...d, standalone: standalone(d), at: `${p}.${i + shift + (standalone(d) ? 1 : 0)}` };
  });
  return { planned, problems };
}

/** A fenced-block step's action as a titled step of its own, right after it. */
function insertActionStep(md: string, r: ParsedRunbook, b: PlannedBinding): string | null {
  const out = insertBinding(md, r, b.step, b);
  if (out === null) return null;
  let at = 0;
  while (at < md.length && md[at] === out[at]) at++;
  const line = out.indexOf("\n", out.indexOf(`action: ${b.service}/${b.action}`, at)) + 1;
  return `${out.slice(0, line)}title: ${JSON.stringify(b.title)}\n${out.slice(line)}`;
}

/** Where each runbook's verbatim slice starts in the document. */
function runbookOffsets(text: string, doc: ParsedDocument): number[] {
  const lineStart = (line: number) => {
    let at = 0;
    for (let n = 1; n < line; n++) {
      const nl = text.indexOf("\n", at);
      if (nl < 0) break;
      at = nl + 1;
    }
    return at;
  };
  return doc.runbooks.map((r) => text.indexOf(r.markdown, lineStart(r.line)));
}

/** Writes the blocks last runbook and last step first, so every earlier offset still holds. */
function applyBindings(text: string, doc: ParsedDocument, planned: PlannedBinding[], problems: string[]): string {
  const offsets = runbookOffsets(text, doc);
  let out = text;
  for (let i = doc.runbooks.length - 1; i >= 0; i--) {
    const r = doc.runbooks[i];
    const mine = planned.filter((b) => b.runbook === r.key).reverse();
    if (!mine.length) continue;
    const at = offsets[i];
    const end = offsets.slice(i + 1).find((o) => o >= 0) ?? text.length;
    if (at < 0 || at + r.markdown.length > end) {
      problems.push(`${doc.file}#${r.key}: its Markdown could not be told apart from the next runbook's; left unbound`);
      continue;
    }
    let md = r.markdown;
    for (const b of mine) {
      const next = b.standalone ? insertActionStep(md, r, b) : insertBinding(md, r, b.step, b);
      if (next === null) problems.push(`${doc.file}#${r.key} step ${b.step}: not found in its Markdown`);
      else md = next;
    }
    out = out.slice(0, at) + md + out.slice(at + r.markdown.length);
  }
  return out;
}

/** The document with its planned bindings written in, checked by parsing it again. */
export function bindDemoDocument(file: string, text: string, catalog: Catalog, table: DemoStepBinding[]): BoundDocument {
  const doc = parseRunbookDocument(text, file);
  const { planned, problems } = planBindings(doc, catalog, table);
  if (!planned.length) return { file, text, bindings: [], problems };
  const out = applyBindings(text, doc, planned, problems);
  const after = parseRunbookDocument(out, file);
  for (const b of planned) {
    const r = after.runbooks.find((x) => x.key === b.runbook);
    const got = r ? stepAt(r, b.at)?.binding : null;
    if (got?.service !== b.service || got.action !== b.action) problems.push(`${file}#${b.runbook} step ${b.step}: ${b.service}/${b.action} did not land at step ${b.at}`);
  }
  return { file, text: out, bindings: planned, problems };
}
