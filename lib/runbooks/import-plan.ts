// What importing one parsed document changes, decided in memory from what its source holds
// now: runbooks to create, to update (a new version), to leave, and to archive. Pure.
import { createHash, randomUUID } from "node:crypto";
import { inferServices, runbookSlug, searchTextOf, type ServiceRef } from "@/lib/runbooks/derive";
import type { ParsedDocument, ParsedRunbook } from "@/lib/runbooks/parse/types";
import type { RunbookRow, VersionRow } from "@/lib/runbooks/bulk-insert";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** What a version stores as its structure: the parse, without the Markdown kept beside it. */
export const parsedJson = (r: ParsedRunbook) => ({ ...r, markdown: undefined });

export type ExistingRunbook = { id: string; slug: string; sourceKey: string; version: number; archived: boolean; sha256: string | null; services: string[] };
export type Fields = ReturnType<typeof runbookFields>;
export type Plan = {
  creates: (Omit<RunbookRow, "slug"> & { wantedSlug: string })[];
  updates: { id: string; slug: string; fields: Fields; version: number }[];
  relinks: { id: string; services: string[] }[];
  versions: VersionRow[];
  unchanged: string[];
  archived: { id: string; slug: string }[];
};

export function runbookFields(doc: ParsedDocument, r: ParsedRunbook, catalog: ServiceRef[], given: string[]) {
  return {
    title: r.title.slice(0, 300),
    kind: r.kind,
    services: inferServices(doc, r, catalog, given),
    alerts: r.alerts,
    tags: r.tags,
    severity: r.severity?.level ?? null,
    mttrMinutes: r.mttrMinutes,
    searchText: searchTextOf(r),
  };
}

export function planDocument(input: { source: string; doc: ParsedDocument; services: string[] }, existing: ExistingRunbook[], catalog: ServiceRef[], actor: { id: string | null; label: string }): Plan {
  const byKey = new Map(existing.map((e) => [e.sourceKey, e]));
  const plan: Plan = { creates: [], updates: [], relinks: [], versions: [], unchanged: [], archived: [] };
  const note = `imported from ${input.source}`;
  for (const r of input.doc.runbooks) {
    const mdHash = sha256(r.markdown);
    const prev = byKey.get(r.key);
    const fields = runbookFields(input.doc, r, catalog, input.services);
    if (prev && prev.sha256 === mdHash && !prev.archived) {
      const services = [...new Set([...prev.services, ...fields.services])].sort();
      if (services.length !== prev.services.length) plan.relinks.push({ id: prev.id, services });
      plan.unchanged.push(prev.slug);
      continue;
    }
    const version = prev ? prev.version + 1 : 1;
    const id = prev?.id ?? randomUUID();
    if (prev) plan.updates.push({ id, slug: prev.slug, fields, version });
    else plan.creates.push({ id, wantedSlug: runbookSlug(input.source, r.key), source: input.source, sourceKey: r.key, ...fields, version: 1, lastEditedBy: actor.label });
    plan.versions.push({ runbookId: id, version, markdown: r.markdown, sha256: mdHash, parsed: parsedJson(r), note, authorId: actor.id, authorLabel: actor.label });
  }
  const keys = new Set(input.doc.runbooks.map((r) => r.key));
  plan.archived = existing.filter((e) => !keys.has(e.sourceKey) && !e.archived).map((e) => ({ id: e.id, slug: e.slug }));
  return plan;
}

/** A document's sections must have distinct keys: two would fight over one runbook. */
export function duplicateKey(doc: ParsedDocument): string | null {
  const seen = new Set<string>();
  for (const r of doc.runbooks) {
    if (seen.has(r.key)) return r.key;
    seen.add(r.key);
  }
  return null;
}
