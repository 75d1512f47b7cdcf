import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ValidationError } from "@/lib/errors";
import { insertRunbooks, insertVersions, upsertSources } from "@/lib/runbooks/bulk-insert";
import type { ServiceRef } from "@/lib/runbooks/derive";
import { duplicateKey, planDocument, sha256, type ExistingRunbook, type Plan } from "@/lib/runbooks/import-plan";
import { parseRunbookDocument } from "@/lib/runbooks/parse";
import type { ParsedDocument } from "@/lib/runbooks/parse/types";

export { sha256 } from "@/lib/runbooks/import-plan";

/** `parsed`: the document already parsed (the folder import parses on worker threads). */
export type DocumentImport = { source: string; text: string; services?: string[]; parsed?: ParsedDocument };
export type ImportOutcome = {
  source: string;
  /** unchanged: the same text was imported before, nothing was read further */
  status: "unchanged" | "imported";
  created: string[];
  updated: string[];
  unchanged: string[];
  archived: string[];
};

/** One document; see importDocuments. */
export async function importRunbookDocument(actor: Actor, input: DocumentImport, catalog: ServiceRef[] = []): Promise<ImportOutcome> {
  return (await importDocuments(actor, [input], catalog))[0];
}

/** Sources whose text is the one imported last time and whose runbooks already have the given services. */
export async function unchangedSources(inputs: DocumentImport[]): Promise<Set<string>> {
  const rows = await db.runbookSource.findMany({ where: { source: { in: inputs.map((i) => i.source) } }, select: { source: true, sha256: true } });
  const known = new Map(rows.map((r) => [r.source, r.sha256]));
  const same = inputs.filter((i) => known.get(i.source) === sha256(i.text));
  const out = new Set<string>();
  for (const i of same) {
    const linked = !i.services?.length || (await db.runbook.count({ where: { source: i.source, NOT: { services: { hasEvery: i.services } } } })) === 0;
    if (linked) out.add(i.source);
  }
  return out;
}

function parseChecked(input: DocumentImport): ParsedDocument {
  const doc = input.parsed ?? parseRunbookDocument(input.text, input.source);
  if (!doc.runbooks.length) throw new ValidationError(`${input.source} holds no runbook: it needs at least a heading or some text.`);
  const dup = duplicateKey(doc);
  if (dup) throw new ValidationError(`${input.source} has two sections that both become "${dup}"; give one of them another heading.`);
  return doc;
}

async function loadExisting(tx: Tx, sources: string[]): Promise<Map<string, ExistingRunbook[]>> {
  const rows = await tx.runbook.findMany({
    where: { source: { in: sources } },
    select: { id: true, slug: true, source: true, sourceKey: true, version: true, archived: true, services: true, versions: { orderBy: { version: "desc" }, take: 1, select: { sha256: true } } },
  });
  const out = new Map<string, ExistingRunbook[]>(sources.map((s) => [s, []]));
  for (const r of rows) out.get(r.source)!.push({ ...r, sha256: r.versions[0]?.sha256 ?? null });
  return out;
}

/** Slugs no other runbook has: the document stem and section key, else with a short hash of the source. */
async function assignSlugs(tx: Tx, plans: Plan[]) {
  const creates = plans.flatMap((p) => p.creates);
  const taken = new Set((await tx.runbook.findMany({ where: { slug: { in: creates.map((c) => c.wantedSlug) } }, select: { slug: true } })).map((r) => r.slug));
  return creates.map((c) => ({ ...c, slug: taken.has(c.wantedSlug) ? `${c.wantedSlug}-${sha256(c.source).slice(0, 6)}` : c.wantedSlug }));
}

/**
 * Imports Markdown documents in one transaction with one audit entry. Each runbook is matched to
 * what was imported from the same source before by its key: unchanged ones stay, changed ones get
 * a new version, new ones are created, and ones no longer in the document are archived (never
 * deleted: runs point at them). All of it commits, or none of it.
 */
export async function importDocuments(actor: Actor, inputs: DocumentImport[], catalog: ServiceRef[] = []): Promise<ImportOutcome[]> {
  if (new Set(inputs.map((i) => i.source)).size !== inputs.length) throw new ValidationError("The same document was given twice in one import.");
  const skip = await unchangedSources(inputs);
  const none = { created: [], updated: [], unchanged: [], archived: [] };
  const todo = inputs.filter((i) => !skip.has(i.source)).map((i) => ({ ...i, doc: parseChecked(i) }));
  const done = new Map<string, ImportOutcome>();
  if (todo.length) {
    const results = await db.$transaction(async (tx) => {
      // Two instances importing the same folder at once must not both create its runbooks (sorted: no deadlock).
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(72653, hashtext(s)) FROM unnest($1::text[]) AS s ORDER BY s`, todo.map((t) => t.source));
      const existing = await loadExisting(tx, todo.map((t) => t.source));
      const plans = todo.map((t) => planDocument({ source: t.source, doc: t.doc, services: t.services ?? [] }, existing.get(t.source)!, catalog, actor));
      const creates = await assignSlugs(tx, plans);
      await insertRunbooks(tx, creates);
      for (const u of plans.flatMap((p) => p.updates)) {
        await tx.runbook.update({ where: { id: u.id }, data: { ...u.fields, version: u.version, archived: false, lastEditedAt: new Date(), lastEditedBy: actor.label } });
      }
      for (const r of plans.flatMap((p) => p.relinks)) await tx.runbook.update({ where: { id: r.id }, data: { services: r.services } });
      const archived = plans.flatMap((p) => p.archived.map((a) => a.id));
      if (archived.length) await tx.runbook.updateMany({ where: { id: { in: archived } }, data: { archived: true } });
      await insertVersions(tx, plans.flatMap((p) => p.versions));
      await upsertSources(tx, todo.map((t) => ({ source: t.source, sha256: sha256(t.text) })));
      const slugOf = new Map(creates.map((c) => [c.id, c.slug]));
      const outcomes = todo.map((t, i): ImportOutcome => ({
        source: t.source, status: "imported", created: plans[i].creates.map((c) => slugOf.get(c.id)!),
        updated: plans[i].updates.map((u) => u.slug), unchanged: plans[i].unchanged, archived: plans[i].archived.map((a) => a.slug),
      }));
      await appendAudit(tx, {
        actor, verb: "runbook.import", target: { type: "runbook" },
        after: { documents: outcomes.map((o, i) => ({ source: o.source, sha256: sha256(todo[i].text), created: o.created, updated: o.updated, unchanged: o.unchanged.length, archived: o.archived })) },
      });
      return outcomes;
    }, { timeout: 60_000 });
    for (const r of results) done.set(r.source, r);
  }
  return inputs.map((i) => done.get(i.source) ?? { source: i.source, status: "unchanged", ...none });
}
