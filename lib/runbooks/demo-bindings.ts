// The demo workspace's runbooks arrive with their steps bound to the demo catalog's recovery
// actions, so every demo-fleet fault can be fixed from its runbook page. The blocks are added when
// the workspace is seeded, not written into demo/runbooks/: those stay byte-for-byte copies of the
// seeds users bring (seed-details.test.ts holds them unbound), and a catalog change rebinds them.
// Pure: the seed and the tests run the same code, with no database.
import { paramSchema } from "@/lib/actions/params";
import { insertBinding } from "@/lib/runbooks/bind";
import type { DemoStepBinding } from "@/lib/runbooks/demo";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import { suggestBindings, type CatalogAction } from "@/lib/runbooks/parse/bindings";
import { logicalLines } from "@/lib/runbooks/parse/commands";
import type { ParsedDocument, ParsedRunbook, ParsedStep } from "@/lib/runbooks/parse/types";
import type { Catalog } from "@/lib/services/catalog-schema";

/** `step` is the step's key ("phase.step"), the same in the seed and the bound document: binding adds no step. */
export type PlannedBinding = {
  runbook: string; step: string; service: string; action: string; params: Record<string, string>; via: "matches" | "table";
};
export type BoundDocument = { file: string; text: string; bindings: PlannedBinding[]; problems: string[] };

const squash = (line: string) => line.replace(/\s+/g, " ").trim();
const split = (key: string) => key.split(".").map(Number) as [number, number];
const stepAt = (r: ParsedRunbook, key: string): ParsedStep | undefined => r.phases[split(key)[0]]?.steps[split(key)[1]];
const isBound = (r: ParsedRunbook, key: string) => Boolean(stepAt(r, key)?.binding);
const stepCount = (r: ParsedRunbook) => r.phases.reduce((n, p) => n + p.steps.length, 0);

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

/** "service/action" checked against the catalog, with params it declares and accepts; a string is the problem. */
function resolveAction(catalog: Catalog, ref: string, params: Record<string, string>): { service: string; action: string } | string {
  const [service, action] = ref.split("/");
  const found = catalog.services.find((s) => s.slug === service)?.actions.find((a) => a.name === action);
  if (!found) return `${ref} is not an action of the catalog`;
  for (const [name, value] of Object.entries(params)) {
    const spec = found.params[name];
    if (!spec) return `${ref} has no param ${name}`;
    const ok = paramSchema(name, spec).safeParse(value);
    if (!ok.success) return `${ref}: ${ok.error.issues[0]?.message ?? `${name} is not valid`}`;
  }
  return { service, action };
}

function tableBinding(doc: ParsedDocument, catalog: Catalog, t: DemoStepBinding): PlannedBinding | string | null {
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
  const chosen = new Map<string, { draft: PlannedBinding; rank: number }>();
  for (const s of suggestBindings(doc, catalogActionRefs(catalog))) {
    const r = doc.runbooks.find((x) => x.key === s.runbookKey)!;
    const step = `${s.phaseIndex}.${s.stepIndex}`;
    if (isBound(r, step)) continue;
    const rank = position(stepAt(r, step)!, s.command);
    const id = `${r.key}#${step}`;
    if ((chosen.get(id)?.rank ?? Infinity) > rank) chosen.set(id, { draft: { runbook: r.key, step, service: s.service, action: s.action, params: {}, via: "matches" }, rank });
  }
  const problems: string[] = [];
  for (const t of table) {
    const b = tableBinding(doc, catalog, t);
    if (typeof b === "string") problems.push(b);
    else if (b) chosen.set(`${b.runbook}#${b.step}`, { draft: b, rank: -1 });
  }
  const order = new Map(doc.runbooks.map((r, i) => [r.key, i]));
  const planned = [...chosen.values()].map((c) => c.draft)
    .sort((a, b) => order.get(a.runbook)! - order.get(b.runbook)! || split(a.step)[0] - split(b.step)[0] || split(a.step)[1] - split(b.step)[1]);
  return { planned, problems };
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
      const next = insertBinding(md, r, b.step, b);
      if (next === null) problems.push(`${doc.file}#${r.key} step ${b.step}: not found in its Markdown`);
      else md = next;
    }
    out = out.slice(0, at) + md + out.slice(at + r.markdown.length);
  }
  return out;
}

/** The document with its planned bindings written in, checked by parsing it again: each step bound, none added. */
export function bindDemoDocument(file: string, text: string, catalog: Catalog, table: DemoStepBinding[]): BoundDocument {
  const doc = parseRunbookDocument(text, file);
  const { planned, problems } = planBindings(doc, catalog, table);
  if (!planned.length) return { file, text, bindings: [], problems };
  const out = applyBindings(text, doc, planned, problems);
  const after = parseRunbookDocument(out, file);
  for (const b of planned) {
    const r = after.runbooks.find((x) => x.key === b.runbook);
    const got = r ? stepAt(r, b.step)?.binding : null;
    if (got?.service !== b.service || got.action !== b.action) problems.push(`${file}#${b.runbook} step ${b.step}: ${b.service}/${b.action} did not bind it`);
  }
  for (const r of doc.runbooks) {
    const now = after.runbooks.find((x) => x.key === r.key);
    if (now && stepCount(now) !== stepCount(r)) problems.push(`${file}#${r.key}: binding changed its step count from ${stepCount(r)} to ${stepCount(now)}`);
  }
  return { file, text: out, bindings: planned, problems };
}
