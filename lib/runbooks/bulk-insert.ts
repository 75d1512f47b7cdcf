import "server-only";
import type { Tx } from "@/lib/db";

// Bulk inserts for the importer as one statement with one JSON parameter. Prisma's createMany
// builds a parameter per cell, and a 20-runbook document spent ~40 ms per insert compiling that;
// this costs about a millisecond. Runs on PostgreSQL 15 and PGlite alike.

export type RunbookRow = {
  id: string; slug: string; title: string; kind: string; source: string; sourceKey: string; services: string[]; alerts: string[];
  tags: string[]; severity: string | null; mttrMinutes: number | null; version: number; searchText: string; lastEditedBy: string;
};
export type VersionRow = { runbookId: string; version: number; markdown: string; sha256: string; parsed: unknown; note: string; authorId: string | null; authorLabel: string };

const texts = (field: string) => `ARRAY(SELECT jsonb_array_elements_text(r->'${field}'))`;

export async function insertRunbooks(tx: Tx, rows: RunbookRow[]) {
  if (!rows.length) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Runbook" ("id", "slug", "title", "kind", "source", "sourceKey", "services", "alerts", "tags", "severity", "mttrMinutes", "version", "searchText", "lastEditedBy", "lastEditedAt")
     SELECT r->>'id', r->>'slug', r->>'title', r->>'kind', r->>'source', r->>'sourceKey', ${texts("services")}, ${texts("alerts")}, ${texts("tags")},
            (r->>'severity')::"Severity", (r->>'mttrMinutes')::int, (r->>'version')::int, r->>'searchText', r->>'lastEditedBy', now()
     FROM jsonb_array_elements($1::jsonb) AS r`,
    JSON.stringify(rows),
  );
}

export async function insertVersions(tx: Tx, rows: VersionRow[]) {
  if (!rows.length) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "RunbookVersion" ("runbookId", "version", "markdown", "sha256", "parsed", "note", "authorId", "authorLabel")
     SELECT r->>'runbookId', (r->>'version')::int, r->>'markdown', r->>'sha256', r->'parsed', r->>'note', r->>'authorId', r->>'authorLabel'
     FROM jsonb_array_elements($1::jsonb) AS r`,
    JSON.stringify(rows),
  );
}

/** Records each document's hash, so importing it unchanged again is one read. */
export async function upsertSources(tx: Tx, rows: { source: string; sha256: string }[]) {
  if (!rows.length) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "RunbookSource" ("source", "sha256", "importedAt")
     SELECT r->>'source', r->>'sha256', now() FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT ("source") DO UPDATE SET "sha256" = EXCLUDED."sha256", "importedAt" = EXCLUDED."importedAt"`,
    JSON.stringify(rows),
  );
}
