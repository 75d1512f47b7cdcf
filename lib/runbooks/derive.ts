// What the library stores beside each parsed runbook: its slug, the text search reads, and the
// services it is linked to. Pure, so the importer's dry run and the tests share it.
import type { ParsedDocument, ParsedRunbook } from "@/lib/runbooks/parse/types";

export type ServiceRef = { slug: string; name: string };

/** "runbooks/beacon-runner-runbook.md" → "beacon-runner-runbook" */
export function documentStem(source: string): string {
  const base = source.split(/[\\/]/).pop() ?? source;
  return slugify(base.replace(/\.(md|markdown|txt)$/i, "")) || "runbook";
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

export const runbookSlug = (source: string, key: string) => `${documentStem(source)}--${slugify(key) || "section"}`;

/** Lower-cased title, alerts, symptoms, tags and commands: what the library's search matches. */
export function searchTextOf(r: ParsedRunbook): string {
  const commands = r.phases.flatMap((p) => p.steps.flatMap((s) => s.commands.map((c) => c.code)));
  return [r.title, ...r.alerts, ...r.symptoms, ...r.tags, ...commands].join("\n").toLowerCase().slice(0, 200_000);
}

const mentions = (haystack: string, s: ServiceRef) => {
  const h = ` ${haystack.toLowerCase().replace(/[^a-z0-9]+/g, " ")} `;
  return h.includes(` ${s.slug.replace(/[^a-z0-9]+/g, " ")} `) || h.includes(` ${s.name.toLowerCase().replace(/[^a-z0-9]+/g, " ")} `);
};

/**
 * The services a runbook is for: those named by its action bindings, those the document's file
 * name or title names, plus any the person importing listed. Only catalog services count.
 */
export function inferServices(doc: ParsedDocument, r: ParsedRunbook, catalog: ServiceRef[], given: string[] = []): string[] {
  const known = new Set(catalog.map((s) => s.slug));
  const out = new Set(given);
  for (const p of r.phases) for (const s of p.steps) if (s.binding && known.has(s.binding.service)) out.add(s.binding.service);
  for (const s of catalog) if (mentions(`${doc.file} ${doc.title}`, s) || mentions(r.title, s)) out.add(s.slug);
  return [...out].sort();
}

/** The steps a responder marks (checklist items and actions); notes and tables are reading. */
export function markableSteps(r: Pick<ParsedRunbook, "phases">): { key: string; phase: number; index: number }[] {
  return r.phases.flatMap((p, phase) =>
    p.steps.flatMap((s, index) => (s.kind === "action" || s.kind === "checklist" ? [{ key: `${phase}.${index}`, phase, index }] : [])),
  );
}
